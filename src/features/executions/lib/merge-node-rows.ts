/** The fields of a changed node row a Realtime UPDATE carries that the run page shows. */
export interface NodeChange { node_id: string; [column: string]: unknown }

/**
 * A run's node rows with a batch of changed rows applied, in one pass: the rows that changed are replaced by new
 * objects (only the columns the page reads, from the last change of each node in the batch), every other row
 * keeps its identity so memoised nodes do not re-render. Returns `rows` itself when nothing changed and null when
 * a change names a node the list does not have (the caller refetches).
 */
export function mergeNodeRows<Row extends { node_id: string }>(rows: readonly Row[], changes: readonly NodeChange[]): Row[] | null {
  if (changes.length === 0) return rows as Row[]
  const last = new Map<string, NodeChange>()
  for (const change of changes) last.set(change.node_id, change)
  const index = new Map(rows.map((row, i) => [row.node_id, i]))
  for (const id of last.keys()) if (!index.has(id)) return null
  const next = rows.slice()
  for (const [id, change] of last) {
    const i = index.get(id)!
    const row = next[i]!
    const patch: Record<string, unknown> = {}
    for (const column of Object.keys(row)) if (column in change) patch[column] = change[column]
    next[i] = { ...row, ...patch }
  }
  return next
}
