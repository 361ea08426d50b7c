// Live signals: rows that arrive over Realtime go on top of the first page without a refetch.

export interface SignalPage<T extends { id: number }> {
  rows: T[]
  total: number
}

/**
 * The first page with `incoming` (any order) added on top, newest first by id, without duplicates, trimmed
 * to `pageSize`; the total counts only rows it did not hold already.
 */
export function prependLive<T extends { id: number }>(page: SignalPage<T>, incoming: readonly T[], pageSize: number): SignalPage<T> {
  const known = new Set(page.rows.map((r) => r.id))
  const fresh = [...new Map(incoming.filter((r) => !known.has(r.id)).map((r) => [r.id, r])).values()]
  if (fresh.length === 0) return page
  const newestKnown = page.rows.length ? Math.max(...page.rows.map((r) => r.id)) : -Infinity
  // Rows newer than everything shown go on top; an older straggler only counts (it belongs further down).
  const onTop = fresh.filter((r) => r.id > newestKnown).sort((a, b) => b.id - a.id)
  return { rows: [...onTop, ...page.rows].slice(0, pageSize), total: page.total + fresh.length }
}
