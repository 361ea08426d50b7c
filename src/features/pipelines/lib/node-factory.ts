import { edgeId, type FlowEdge, type FlowNode, type KindFlowNode } from './flow-types.ts'
import { kindMeta } from './kind-meta.ts'
import { configSchemas, FLOW_WORK_KINDS, mayFollow, isNodeKind, type FlowType, type NodeConfig, type NodeKind } from './shared.ts'

export const NODE_WIDTH = 200
const GAP_X = 260
const GAP_Y = 110

/** A fresh config for a kind. Deploys and rollbacks target the first environment of the chain, if any. */
export function defaultConfig(kind: NodeKind, environments: readonly string[] = []): Record<string, unknown> {
  const firstEnv = environments[0]
  const work = (label: string) => ({
    executor: { type: 'simulated', duration_ms: 5000, outcome: 'success', log_lines: [`${label} started`, `${label} finished`] },
  })
  const configs = {
    source: { repository: '', branch: 'main' },
    build: work('Build'),
    test: work('Tests'),
    security_scan: work('Security scan'),
    approval: { required_approvals: 1 },
    deploy: { ...(firstEnv ? { environment: firstEnv } : {}), strategy: 'rolling', duration_ms: 0 },
    checkpoint: {},
    rollback: firstEnv ? { environment: firstEnv } : {},
    parallel_group: {},
    notify: { channel: 'in_app', message: 'Pipeline finished' },
    wait: { duration_ms: 60_000 },
    // A flow-type stage starts with its schema's settings filled in, so the form shows what it will use.
    ...Object.fromEntries(FLOW_WORK_KINDS.map((k): [string, Record<string, unknown>] => [k, configSchemas[k].parse(work(kindMeta[k].label))])) as unknown as Record<(typeof FLOW_WORK_KINDS)[number], Record<string, unknown>>,
  } satisfies Record<NodeKind, Partial<NodeConfig<NodeKind>> | Record<string, unknown>>
  return structuredClone(configs[kind])
}

/** The first free "<kind>-<n>" id, and a label that numbers repeats ("Build", "Build 2"). */
export function nextIdentity(kind: NodeKind, existingIds: Iterable<string>): { id: string; label: string } {
  const taken = new Set(existingIds)
  let n = 1
  while (taken.has(`${kind}-${n}`)) n++
  return { id: `${kind}-${n}`, label: n === 1 ? kindMeta[kind].label : `${kindMeta[kind].label} ${n}` }
}

/** Right of the anchor (or of everything, when there is no anchor), moved down until no node sits there. */
export function placeNode(nodes: readonly FlowNode[], anchor?: FlowNode): { x: number; y: number } {
  const start = anchor
    ? { x: anchor.position.x + GAP_X, y: anchor.position.y }
    : { x: nodes.length === 0 ? 0 : Math.max(...nodes.map((n) => n.position.x)) + GAP_X, y: 0 }
  const occupied = (y: number) => nodes.some((n) => Math.abs(n.position.x - start.x) < GAP_X / 2 && Math.abs(n.position.y - y) < GAP_Y / 2)
  let y = start.y
  while (occupied(y)) y += GAP_Y
  return { x: start.x, y }
}

export interface AddedNode {
  node: KindFlowNode
  /** The edge from the anchor, when the anchor's kind may be followed by the new one. */
  edge: FlowEdge | null
}

/** The palette's action: a new node of `kind`, placed after `anchor` and connected from it when the rules allow. */
export function createNode(kind: NodeKind, nodes: readonly FlowNode[], options: { anchor?: FlowNode; position?: { x: number; y: number }; environments?: readonly string[] } = {}): AddedNode {
  const { id, label } = nextIdentity(kind, nodes.map((n) => n.id))
  const node = {
    id, type: kind, selected: true,
    position: options.position ?? placeNode(nodes, options.anchor),
    data: { kind, label, config: defaultConfig(kind, options.environments) },
  } as KindFlowNode
  const anchor = options.anchor
  const edge = anchor && isNodeKind(anchor.data.kind) && mayFollow(anchor.data.kind, kind)
    ? { id: edgeId(anchor.id, id), source: anchor.id, target: id, data: { on: 'success' as const } }
    : null
  return { node, edge }
}

/** The stages a new pipeline of each flow type starts with, between its source and its deploy. */
export const STARTER_STAGES = {
  cicd: ['build', 'test'],
  mlops: ['data_validation', 'train', 'evaluate', 'register_model', 'deploy_model'],
  llmops: ['eval_suite', 'guardrail_check', 'canary'],
  infrastructure: ['plan', 'policy_check', 'apply'],
  security: ['sast', 'dependency_scan', 'secrets_scan', 'security_gate'],
} as const satisfies Record<FlowType, readonly NodeKind[]>

/** What a new pipeline starts from: source → the flow type's starter stages → deploy to the first environment. */
export function starterGraph(environments: readonly string[], type: FlowType = 'cicd'): { nodes: FlowNode[]; edges: FlowEdge[] } {
  const nodes: FlowNode[] = []
  const edges: FlowEdge[] = []
  let previous: FlowNode | undefined
  for (const kind of ['source', ...STARTER_STAGES[type], 'deploy'] as const) {
    const { node, edge } = createNode(kind, nodes, { anchor: previous, environments })
    node.selected = false
    nodes.push(node)
    if (edge) edges.push(edge)
    previous = node
  }
  return { nodes, edges }
}
