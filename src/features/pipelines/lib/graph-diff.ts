import type { LooseEdge, LooseGraph, LooseNode } from '../../../../supabase/functions/_shared/engine/stored-graph.ts'
import { readStoredGraph } from './shared.ts'

/** How a node or edge differs between two versions; `moved` is a position-only change. */
export type Change = 'added' | 'removed' | 'changed' | 'moved' | 'same'

export interface NodeDiff {
  id: string
  label: string
  kind: string
  change: Change
  /** Where to draw it: the newer position, or the older one for a removed node. */
  position: { x: number; y: number }
  /** What changed, in words ("label: Build → Build image", "duration_ms: 2000 → 5000", "moved"). */
  details: string[]
}
export interface EdgeDiff {
  id: string
  source: string
  target: string
  on: LooseEdge['on']
  change: Exclude<Change, 'moved'>
  details: string[]
}
export interface GraphDiff {
  nodes: NodeDiff[]
  edges: EdgeDiff[]
  /** How many nodes and edges were added, removed or changed (moves count as changes of a node). */
  counts: { added: number; removed: number; changed: number }
}

const show = (value: unknown) => {
  const text = value === undefined ? '(none)' : typeof value === 'string' ? value : JSON.stringify(value)
  return text.length > 40 ? `${text.slice(0, 39)}…` : text
}
const same = (a: unknown, b: unknown) => stable(a) === stable(b)
function stable(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stable).join(',')}]`
  if (value && typeof value === 'object') {
    return `{${Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${stable((value as Record<string, unknown>)[k])}`).join(',')}}`
  }
  return JSON.stringify(value) ?? 'undefined'
}

function nodeDetails(before: LooseNode, after: LooseNode): string[] {
  const details: string[] = []
  if (before.kind !== after.kind) details.push(`kind: ${before.kind} → ${after.kind}`)
  if (before.label !== after.label) details.push(`label: ${before.label} → ${after.label}`)
  const keys = [...new Set([...Object.keys(before.config), ...Object.keys(after.config)])].sort()
  for (const key of keys) {
    if (!same(before.config[key], after.config[key])) details.push(`${key}: ${show(before.config[key])} → ${show(after.config[key])}`)
  }
  return details
}

/** What changed from `before` to `after` (both read as the engine reads stored graphs). */
export function diffGraphs(before: LooseGraph, after: LooseGraph): GraphDiff {
  const old = new Map(before.nodes.map((n) => [n.id, n]))
  const now = new Map(after.nodes.map((n) => [n.id, n]))
  const nodes: NodeDiff[] = []
  for (const n of after.nodes) {
    const was = old.get(n.id)
    if (!was) {
      nodes.push({ id: n.id, label: n.label, kind: n.kind, change: 'added', position: n.position, details: [] })
      continue
    }
    const details = nodeDetails(was, n)
    const moved = was.position.x !== n.position.x || was.position.y !== n.position.y
    const change: Change = details.length > 0 ? 'changed' : moved ? 'moved' : 'same'
    nodes.push({ id: n.id, label: n.label, kind: n.kind, change, position: n.position, details: moved && details.length > 0 ? [...details, 'moved'] : moved ? ['moved'] : details })
  }
  for (const n of before.nodes) {
    if (!now.has(n.id)) nodes.push({ id: n.id, label: n.label, kind: n.kind, change: 'removed', position: n.position, details: [] })
  }

  const key = (e: LooseEdge) => `${e.source}->${e.target}`
  const oldEdges = new Map(before.edges.map((e) => [key(e), e]))
  const newEdges = new Map(after.edges.map((e) => [key(e), e]))
  const edges: EdgeDiff[] = []
  for (const e of after.edges) {
    const was = oldEdges.get(key(e))
    const change = !was ? 'added' : was.on !== e.on ? 'changed' : 'same'
    edges.push({ id: key(e), source: e.source, target: e.target, on: e.on, change, details: change === 'changed' ? [`runs on ${was!.on} → on ${e.on}`] : [] })
  }
  for (const e of before.edges) {
    if (!newEdges.has(key(e))) edges.push({ id: key(e), source: e.source, target: e.target, on: e.on, change: 'removed', details: [] })
  }

  const all = [...nodes, ...edges]
  return {
    nodes, edges,
    counts: {
      added: all.filter((x) => x.change === 'added').length,
      removed: all.filter((x) => x.change === 'removed').length,
      changed: all.filter((x) => x.change === 'changed' || x.change === 'moved').length,
    },
  }
}

/** Diffs two stored graphs (flow_template_versions.nodes/edges); a graph that cannot be read counts as empty. */
export function diffStored(before: { nodes: unknown; edges: unknown }, after: { nodes: unknown; edges: unknown }): GraphDiff {
  const read = (g: { nodes: unknown; edges: unknown }): LooseGraph => {
    const result = readStoredGraph(g)
    return result.ok ? result.graph : { nodes: [], edges: [] }
  }
  return diffGraphs(read(before), read(after))
}
