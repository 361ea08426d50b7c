import type pg from 'pg'
import type { TableInfo } from './table-info.ts'

export interface RlsGroup {
  role: string
  claimsJson: string
}

type Visible = Array<{ group: number; index: number }>

// Groups per query: large fan-outs are split so several Postgres backends check them at once.
const GROUPS_PER_QUERY = 25

// Per table (a TableInfo lives until DDL invalidates the catalog): the name of its planned probe function,
// or undefined when it has none (no primary key, or it could not be defined).
const probes = new WeakMap<TableInfo, Promise<string | undefined>>()

function probeOf(pool: pg.Pool, info: TableInfo): Promise<string | undefined> {
  let probe = probes.get(info)
  if (!probe) {
    probe = info.primaryKey.length
      ? pool.query<{ name: string }>('select realtime.stack_define_probe($1::regclass, $2::text[]) as name', [info.qualified, info.primaryKey])
        .then(({ rows }) => rows[0].name, () => undefined)
      : Promise.resolve(undefined)
    probes.set(info, probe)
  }
  return probe
}

/**
 * Asks Postgres, as each group's role with its claims as request.jwt.claims, which of the changed rows it
 * may select: one statement per chunk of groups checks every change of the batch for each group, through the
 * table's probe function (plan kept across groups and batches); a chunk whose call fails is asked again
 * through realtime.stack_visible_changes, which isolates each group's failure.
 */
export async function visibleChanges(
  pool: pg.Pool, info: TableInfo, records: Array<Record<string, unknown>>, groups: RlsGroup[],
): Promise<Visible> {
  const keys = JSON.stringify(records.map((r) => Object.fromEntries(info.primaryKey.map((c) => [c, r[c]]))))
  const probe = await probeOf(pool, info)
  // Same-role groups side by side: the probe switches role (and re-plans) only where the role changes.
  const order = groups.map((_, i) => i).sort((a, b) => (groups[a].role < groups[b].role ? -1 : groups[a].role > groups[b].role ? 1 : a - b))
  const chunks: Array<Promise<Visible>> = []
  for (let start = 0; start < order.length; start += GROUPS_PER_QUERY) {
    const members = order.slice(start, start + GROUPS_PER_QUERY)
    const payload = `[${members.map((g) => `{"role":${JSON.stringify(groups[g].role)},"claims":${groups[g].claimsJson}}`).join(',')}]`
    const isolated = () => pool.query<{ grp: number; idx: string }>(
      'select grp, idx from realtime.stack_visible_changes($1::regclass, $2::text[], $3::jsonb, $4::jsonb)',
      [info.qualified, info.primaryKey, keys, payload],
    )
    // One statement is its own transaction, which is all the functions' set local needs.
    const asked = probe
      ? pool.query<{ grp: number; idx: string }>(`select grp, idx from realtime.${quoteIdent(probe)}($1::jsonb, $2::jsonb)`, [keys, payload]).catch(isolated)
      : isolated()
    chunks.push(asked.then(({ rows }) => rows.map((r) => ({ group: members[r.grp], index: Number(r.idx) - 1 }))))
  }
  return (await Promise.all(chunks)).flat()
}

function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`
}
