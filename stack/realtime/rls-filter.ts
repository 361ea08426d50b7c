import type pg from 'pg'
import type { TableInfo } from './table-info.ts'

export interface RlsGroup {
  role: string
  claimsJson: string
}

// Groups per query: large fan-outs are split so several Postgres backends check them at once.
const GROUPS_PER_QUERY = 25

/**
 * Asks Postgres, as each group's role with its claims as request.jwt.claims, which of the changed rows it
 * may select (realtime.stack_visible_changes switches role per group inside one statement).
 */
export async function visibleChanges(
  pool: pg.Pool, info: TableInfo, records: Array<Record<string, unknown>>, groups: RlsGroup[],
): Promise<Array<{ group: number; index: number }>> {
  const keys = JSON.stringify(records.map((r) => Object.fromEntries(info.primaryKey.map((c) => [c, r[c]]))))
  const chunks: Array<Promise<Array<{ group: number; index: number }>>> = []
  for (let start = 0; start < groups.length; start += GROUPS_PER_QUERY) {
    const chunk = groups.slice(start, start + GROUPS_PER_QUERY).map((g) => ({ role: g.role, claims: JSON.parse(g.claimsJson) }))
    // One statement is its own transaction, which is all the function's set local needs.
    chunks.push(pool.query<{ grp: number; idx: string }>(
      'select grp, idx from realtime.stack_visible_changes($1::regclass, $2::text[], $3::jsonb, $4::jsonb)',
      [info.qualified, info.primaryKey, keys, JSON.stringify(chunk)],
    ).then(({ rows }) => rows.map((r) => ({ group: start + r.grp, index: Number(r.idx) - 1 }))))
  }
  return (await Promise.all(chunks)).flat()
}
