/** Minimal edge shape the walks need; pipelines and execution snapshots both fit it. */
export interface Link {
  source: string
  target: string
}

export interface Adjacency {
  out: Map<string, string[]>
  in: Map<string, string[]>
}

/** Successor and predecessor lists for the given ids; edges to unknown ids are ignored. */
export function adjacency(ids: readonly string[], edges: readonly Link[]): Adjacency {
  const out = new Map<string, string[]>(ids.map((id) => [id, []]))
  const inc = new Map<string, string[]>(ids.map((id) => [id, []]))
  for (const e of edges) {
    if (!out.has(e.source) || !inc.has(e.target)) continue
    out.get(e.source)!.push(e.target)
    inc.get(e.target)!.push(e.source)
  }
  return { out, in: inc }
}

/**
 * Kahn's topological order, stable with respect to `ids`. Nodes on or behind a cycle are left out of
 * `order` and listed in `blocked`.
 */
export function topologicalOrder(ids: readonly string[], edges: readonly Link[]): { order: string[]; blocked: string[] } {
  const { out, in: inc } = adjacency(ids, edges)
  const remaining = new Map(ids.map((id) => [id, inc.get(id)!.length]))
  const ready = ids.filter((id) => remaining.get(id) === 0)
  const order: string[] = []
  while (ready.length > 0) {
    const id = ready.shift()!
    order.push(id)
    for (const next of out.get(id)!) {
      const left = remaining.get(next)! - 1
      remaining.set(next, left)
      if (left === 0) ready.push(next)
    }
  }
  const placed = new Set(order)
  return { order, blocked: ids.filter((id) => !placed.has(id)) }
}

/** Ids reachable from `starts` (included), never entering ids in `avoid`. */
export function reachable(starts: readonly string[], out: Map<string, string[]>, avoid: ReadonlySet<string> = new Set()): Set<string> {
  const seen = new Set<string>()
  const stack = starts.filter((id) => !avoid.has(id))
  while (stack.length > 0) {
    const id = stack.pop()!
    if (seen.has(id)) continue
    seen.add(id)
    for (const next of out.get(id) ?? []) if (!avoid.has(next) && !seen.has(next)) stack.push(next)
  }
  return seen
}

/** Every ancestor of `id` (not including itself). */
export function ancestors(id: string, inc: Map<string, string[]>): Set<string> {
  const found = reachable(inc.get(id) ?? [], inc)
  found.delete(id)
  return found
}

/** The cycles in the graph as lists of node ids (one per strongly connected component that loops). */
export function findCycles(ids: readonly string[], edges: readonly Link[]): string[][] {
  const { out } = adjacency(ids, edges)
  const index = new Map<string, number>()
  const low = new Map<string, number>()
  const onStack = new Set<string>()
  const stack: string[] = []
  const cycles: string[][] = []
  let counter = 0

  const visit = (id: string): void => {
    index.set(id, counter)
    low.set(id, counter)
    counter++
    stack.push(id)
    onStack.add(id)
    for (const next of out.get(id)!) {
      if (!index.has(next)) {
        visit(next)
        low.set(id, Math.min(low.get(id)!, low.get(next)!))
      } else if (onStack.has(next)) {
        low.set(id, Math.min(low.get(id)!, index.get(next)!))
      }
    }
    if (low.get(id) !== index.get(id)) return
    const component: string[] = []
    let member: string
    do {
      member = stack.pop()!
      onStack.delete(member)
      component.push(member)
    } while (member !== id)
    const selfLoop = component.length === 1 && out.get(id)!.includes(id)
    if (component.length > 1 || selfLoop) cycles.push(component.reverse())
  }

  for (const id of ids) if (!index.has(id)) visit(id)
  return cycles
}
