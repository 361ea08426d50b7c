// Reads a stored pipeline graph leniently (the builder's React Flow shape, and the seed's older shape where the
// kind sits in data.kind and an edge says data.condition 'on_success'), so the rules can report what is wrong
// instead of a parser rejecting the whole thing.
import { EDGE_CONDITIONS, NODE_KINDS, type EdgeCondition } from '../pipeline/kinds.ts'
import type { GraphInput } from '../pipeline/graph.ts'

export interface LooseNode {
  id: string
  kind: string
  label: string
  config: Record<string, unknown>
  position: { x: number; y: number }
}
export interface LooseEdge {
  source: string
  target: string
  on: EdgeCondition
}
export interface LooseGraph extends GraphInput {
  nodes: LooseNode[]
  edges: LooseEdge[]
}

export type ReadResult = { ok: true; graph: LooseGraph } | { ok: false; errors: string[] }

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)

/** Turns stored {nodes, edges} JSON into a graph the rules can check; fails only when its shape is unusable. */
export function readStoredGraph(json: unknown): ReadResult {
  if (!isRecord(json) || !Array.isArray(json.nodes)) return { ok: false, errors: ['graph: expected { nodes: [...], edges: [...] }'] }
  const rawEdges = json.edges ?? []
  if (!Array.isArray(rawEdges)) return { ok: false, errors: ['graph.edges: expected an array'] }
  const errors: string[] = []
  const nodes: LooseNode[] = []
  json.nodes.forEach((raw, i) => {
    if (!isRecord(raw) || typeof raw.id !== 'string' || raw.id === '') {
      errors.push(`nodes.${i}: a node needs a string id`)
      return
    }
    const data = isRecord(raw.data) ? raw.data : {}
    const kind = typeof raw.kind === 'string' ? raw.kind
      : typeof raw.type === 'string' && (NODE_KINDS as readonly string[]).includes(raw.type) ? raw.type
      : typeof data.kind === 'string' ? data.kind
      : typeof raw.type === 'string' ? raw.type : ''
    const config = isRecord(data.config) ? data.config : isRecord(raw.config) ? raw.config : {}
    const position = isRecord(raw.position) && typeof raw.position.x === 'number' && typeof raw.position.y === 'number'
      ? { x: raw.position.x, y: raw.position.y } : { x: 0, y: 0 }
    const label = typeof data.label === 'string' ? data.label : typeof raw.label === 'string' ? raw.label : raw.id
    nodes.push({ id: raw.id, kind, label, config, position })
  })
  const edges: LooseEdge[] = []
  rawEdges.forEach((raw, i) => {
    if (!isRecord(raw) || typeof raw.source !== 'string' || typeof raw.target !== 'string') {
      errors.push(`edges.${i}: an edge needs a source and a target`)
      return
    }
    edges.push({ source: raw.source, target: raw.target, on: edgeCondition(raw) })
  })
  return errors.length > 0 ? { ok: false, errors } : { ok: true, graph: { nodes, edges } }
}

function edgeCondition(edge: Record<string, unknown>): EdgeCondition {
  const data = isRecord(edge.data) ? edge.data : {}
  const raw = edge.on ?? data.on ?? data.condition
  const value = typeof raw === 'string' ? raw.replace(/^on_/, '') : 'success'
  return (EDGE_CONDITIONS as readonly string[]).includes(value) ? value as EdgeCondition : 'success'
}
