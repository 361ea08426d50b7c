import type pg from 'pg'
import type { TableInfo } from './table-info.ts'

export interface RlsGroup {
  role: string
  claimsJson: string
}

/**
 * Asks Postgres, as each group's role with its claims as request.jwt.claims, which of the changed rows it
 * may select; one round trip for all groups (realtime.stack_visible_changes switches role per group).
 */
export async function visibleChanges(
  pool: pg.Pool, info: TableInfo, records: Array<Record<string, unknown>>, groups: RlsGroup[],
): Promise<Array<{ group: number; index: number }>> {
  const keys = records.map((r) => Object.fromEntries(info.primaryKey.map((c) => [c, r[c]])))
  // One statement is its own transaction, which is all the function's set local needs.
  const { rows } = await pool.query<{ grp: number; idx: string }>(
    'select grp, idx from realtime.stack_visible_changes($1::regclass, $2::text[], $3::jsonb, $4::jsonb)',
    [info.qualified, info.primaryKey, JSON.stringify(keys), JSON.stringify(groups.map((g) => ({ role: g.role, claims: JSON.parse(g.claimsJson) })))],
  )
  return rows.map((r) => ({ group: r.grp, index: Number(r.idx) - 1 }))
}
