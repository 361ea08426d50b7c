import { adjacency, type Link } from '../../../../supabase/functions/_shared/pipeline/graph-walk.ts'

/** A fork needs at least this many parallel branches before its branches can fold into one group. */
export const MIN_BRANCHES = 6

/**
 * Parallel branches between a fork and a join: each branch a simple chain (every node one way in, one way out)
 * of CI nodes (no deploy, gate or rollback: those keep their lanes), all ending in the same join, or all ending.
 */
export interface FanOutGroup {
  id: string
  fork: string
  join: string | null
  branches: string[][]
  members: string[]
}

export const groupId = (fork: string) => `group:${fork}`

/**
 * The fan-out groups of a graph, in the order of their forks in `ids`. `groupable` says which nodes may be folded
 * (the CI ones). A fork's successors that do not fit (a branch leading elsewhere, a deploy) stay outside its group.
 */
export function findFanOutGroups(ids: readonly string[], edges: readonly Link[], groupable: (id: string) => boolean): FanOutGroup[] {
  const { out, in: inc } = adjacency(ids, edges)
  const groups: FanOutGroup[] = []
  const taken = new Set<string>()
  for (const fork of ids) {
    const successors = out.get(fork)!
    if (successors.length < MIN_BRANCHES) continue
    const byEnd = new Map<string, string[][]>()
    for (const first of successors) {
      const branch = chainFrom(first, out, inc, groupable, taken)
      if (!branch) continue
      const end = out.get(branch.at(-1)!)![0] ?? ''
      byEnd.set(end, [...byEnd.get(end) ?? [], branch])
    }
    const [end, branches] = [...byEnd].sort((a, b) => b[1].length - a[1].length)[0] ?? ['', []]
    if (branches.length < MIN_BRANCHES) continue
    const members = branches.flat()
    for (const id of members) taken.add(id)
    groups.push({ id: groupId(fork), fork, join: end || null, branches, members })
  }
  return groups
}

/** The chain from `first` while each node has one way in and at most one out, up to a join or the end. */
function chainFrom(first: string, out: Map<string, string[]>, inc: Map<string, string[]>, groupable: (id: string) => boolean, taken: Set<string>): string[] | null {
  const chain: string[] = []
  let id: string | undefined = first
  while (id !== undefined) {
    if (!groupable(id) || taken.has(id) || inc.get(id)!.length !== 1 || out.get(id)!.length > 1) break
    chain.push(id)
    const next: string | undefined = out.get(id)![0]
    if (next === undefined || inc.get(next)!.length !== 1) return chain
    id = next
  }
  // It ran into a node it may not fold (a deploy, a nested fork) before any join: not a parallel branch.
  return null
}

/**
 * The graph with every collapsed group folded into one node (`group:<fork>`): its members and the edges between
 * them are gone; the fork leads to the group and the group to the join.
 */
export function foldGroups<E extends Link>(ids: readonly string[], edges: readonly E[], groups: readonly FanOutGroup[], makeEdge: (source: string, target: string, like: E) => E) {
  if (groups.length === 0) return { ids: [...ids], edges: [...edges] }
  const groupOf = new Map<string, string>()
  for (const g of groups) for (const id of g.members) groupOf.set(id, g.id)
  const folded: string[] = []
  const seenGroup = new Set<string>()
  for (const id of ids) {
    const group = groupOf.get(id)
    if (!group) folded.push(id)
    else if (!seenGroup.has(group)) { seenGroup.add(group); folded.push(group) }
  }
  const kept: E[] = []
  const seenEdge = new Set<string>()
  for (const e of edges) {
    const source = groupOf.get(e.source) ?? e.source
    const target = groupOf.get(e.target) ?? e.target
    if (source === target) continue
    const key = `${source}->${target}`
    if (seenEdge.has(key)) continue
    seenEdge.add(key)
    kept.push(source === e.source && target === e.target ? e : makeEdge(source, target, e))
  }
  return { ids: folded, edges: kept }
}
