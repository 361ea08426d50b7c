import type { Edge, Node } from '@xyflow/react'
import type { NodeConfig, NodeKind } from './shared.ts'

/** A config being edited: any field may still be missing or wrong until the rules say otherwise. */
export type DraftConfig<K extends NodeKind> = Partial<NodeConfig<K>> & Record<string, unknown>

export type KindNodeData<K extends NodeKind> = { kind: K; label: string; config: DraftConfig<K> }
/** A node whose stored kind the builder does not know (older graphs): shown, flagged, saved back as it was. */
export type UnknownNodeData = { kind: string; label: string; config: Record<string, unknown> }

/** One canvas node per kind: a discriminated union on `type`. */
export type KindFlowNode<K extends NodeKind = NodeKind> = K extends NodeKind ? Node<KindNodeData<K>, K> : never
export type UnknownFlowNode = Node<UnknownNodeData, 'unknown'>
export type FlowNode = KindFlowNode | UnknownFlowNode

export type FlowEdgeData = { on: 'success' | 'failure' | 'always' }
export type FlowEdge = Edge<FlowEdgeData>

export const edgeId = (source: string, target: string) => `${source}->${target}`
