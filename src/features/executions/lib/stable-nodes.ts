interface FlowItem { id: string; data?: object; position?: { x: number; y: number } }

const shallowEqual = (a: object, b: object) => {
  const keysA = Object.keys(a)
  if (keysA.length !== Object.keys(b).length) return false
  return keysA.every((k) => Object.is((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]))
}

// Equal when every field is the same value, `data` and `position` compared one level down.
const same = (a: FlowItem, b: FlowItem) => {
  const keys = Object.keys(a)
  if (keys.length !== Object.keys(b).length) return false
  return keys.every((k) => {
    const x = (a as unknown as Record<string, unknown>)[k]
    const y = (b as unknown as Record<string, unknown>)[k]
    if ((k === 'data' || k === 'position') && typeof x === 'object' && typeof y === 'object' && x && y) return shallowEqual(x, y)
    return Object.is(x, y)
  })
}

/**
 * `next` with every item that did not change replaced by the object it was last time (kept in `previous`, which
 * is updated), so React Flow and the memoised node components skip them: a live update that moves 40 of 5,000
 * nodes re-renders 40. Works for nodes and edges. Returns the previous array itself when nothing changed at all.
 */
export function reuseUnchanged<T extends FlowItem>(previous: { items: T[]; byId: Map<string, T> }, next: T[]): T[] {
  let changed = next.length !== previous.items.length
  const items = next.map((item, i) => {
    const before = previous.byId.get(item.id)
    if (before && same(before, item)) {
      if (previous.items[i] !== before) changed = true
      return before
    }
    changed = true
    return item
  })
  if (!changed) return previous.items
  previous.items = items
  previous.byId = new Map(items.map((item) => [item.id, item]))
  return items
}
