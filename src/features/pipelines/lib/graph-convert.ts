import { edgeId, type FlowEdge, type FlowNode } from './flow-types.ts'
import type { CodePipeline } from './pipeline-yaml.ts'
import { isNodeKind, readStoredGraph, toStored, type DraftPipeline, type NodeKind } from './shared.ts'

export type LoadResult = { ok: true; nodes: FlowNode[]; edges: FlowEdge[] } | { ok: false; errors: string[] }

/**
 * flow_templates.nodes/edges → canvas nodes and edges. Read leniently (the seed's older shape too), so a graph
 * with problems still opens and the rules can say what is wrong; unknown kinds become "unknown" nodes.
 */
export function fromStoredJson(nodes: unknown, edges: unknown): LoadResult {
  const read = readStoredGraph({ nodes, edges })
  if (!read.ok) return { ok: false, errors: read.errors }
  return {
    ok: true,
    nodes: read.graph.nodes.map((n): FlowNode => {
      const data = { kind: n.kind, label: n.label, config: n.config }
      return isNodeKind(n.kind)
        ? { id: n.id, type: n.kind, position: n.position, data } as FlowNode
        : { id: n.id, type: 'unknown', position: n.position, data }
    }),
    edges: read.graph.edges.map((e) => ({ id: edgeId(e.source, e.target), source: e.source, target: e.target, data: { on: e.on } })),
  }
}

/** The editor's graph as the rules read it. */
export function toGraphInput(nodes: readonly FlowNode[], edges: readonly FlowEdge[]) {
  return {
    nodes: nodes.map((n) => ({ id: n.id, kind: n.data.kind, config: n.data.config })),
    edges: edges.map((e) => ({ source: e.source, target: e.target, on: e.data?.on ?? 'success' })),
  }
}

/** Canvas → the stored form (stored.ts `toStored`); unknown kinds keep their kind as the node type. */
export function toStoredJson(nodes: readonly FlowNode[], edges: readonly FlowEdge[]) {
  const draft: DraftPipeline = {
    nodes: nodes.map((n) => ({
      id: n.id,
      kind: n.data.kind as NodeKind,
      label: n.data.label,
      config: n.data.config,
      position: { x: Math.round(n.position.x), y: Math.round(n.position.y) },
    })),
    edges: edges.map((e) => ({ source: e.source, target: e.target, on: e.data?.on ?? 'success' })),
  }
  return toStored(draft)
}

/** The editor's pipeline as the code view writes it. */
export function toCodePipeline(name: string, type: string, nodes: readonly FlowNode[], edges: readonly FlowEdge[]): CodePipeline {
  return {
    name, type,
    nodes: nodes.map((n) => ({
      id: n.id, kind: n.data.kind, ...(n.data.label === undefined ? {} : { label: n.data.label }),
      position: { x: Math.round(n.position.x), y: Math.round(n.position.y) }, config: n.data.config ?? {},
    })),
    edges: edges.map((e) => ({ source: e.source, target: e.target, on: e.data?.on ?? 'success' })),
  }
}

/** A pipeline read from code (or imported) in the stored form of flow_templates.nodes / .edges. */
export function storedFromCode(pipeline: Pick<CodePipeline, 'nodes' | 'edges'>) {
  return {
    nodes: pipeline.nodes.map((n) => ({ id: n.id, type: n.kind, position: n.position, data: { ...(n.label === undefined ? {} : { label: n.label }), config: n.config } })),
    edges: pipeline.edges.map((e) => ({ id: edgeId(e.source, e.target), source: e.source, target: e.target, data: { on: e.on } })),
  }
}

/** What the code view read → canvas nodes and edges (through the stored form, as a saved pipeline loads). */
export function fromCodePipeline(pipeline: CodePipeline): LoadResult {
  const stored = storedFromCode(pipeline)
  return fromStoredJson(stored.nodes, stored.edges)
}
