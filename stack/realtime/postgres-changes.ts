import type pg from 'pg'
import type { ChangeBinding, ChannelMember } from './channel.ts'
import type { Change } from './change-feed.ts'
import { matchesFilter } from './filters.ts'
import { encodeRawFrame } from './protocol.ts'
import { visibleChanges, type RlsGroup } from './rls-filter.ts'
import type { TableCatalog, TableInfo } from './table-info.ts'
import type { Topics } from './topics.ts'

interface Delivery {
  member: ChannelMember
  ids: number[]
}

/**
 * Sends a commit-ordered batch of changes to the channels whose bindings match them, each change only to
 * callers whose role and claims may select the row (one RLS query per table per batch).
 */
export async function dispatchChanges(pool: pg.Pool, catalog: TableCatalog, topics: Topics, changes: Change[]): Promise<void> {
  if (topics.changeListeners.size === 0) return
  const deliveries: Delivery[][] = changes.map(() => [])
  const infos: Array<TableInfo | undefined> = []

  const byTable = new Map<string, number[]>()
  changes.forEach((change, i) => {
    const key = `${change.schema}.${change.table}`
    const list = byTable.get(key)
    if (list) list.push(i)
    else byTable.set(key, [i])
  })

  for (const indexes of byTable.values()) {
    const first = changes[indexes[0]]
    const info = await catalog.get(first.schema, first.table)
    if (!info) continue
    for (const i of indexes) infos[i] = info
    const listeners = [...topics.changeListeners].filter((m) => m.bindings.some((b) => b.schema === info.schema && (!b.table || b.table === info.table)))
    if (!listeners.length) continue

    // Which members want which change (event and filter), before asking Postgres what they may see.
    const wanted = new Map<ChannelMember, Map<number, number[]>>()
    for (const member of listeners) {
      const perChange = new Map<number, number[]>()
      for (const i of indexes) {
        const ids = matchingBindings(member.bindings, info, changes[i])
        if (ids.length) perChange.set(i, ids)
      }
      if (perChange.size) wanted.set(member, perChange)
    }
    if (!wanted.size) continue

    const groups = new Map<string, RlsGroup & { members: ChannelMember[] }>()
    for (const member of wanted.keys()) {
      if (member.caller.bypassRls) continue
      const key = `${member.caller.role}\u0000${member.caller.claimsJson}`
      const group = groups.get(key)
      if (group) group.members.push(member)
      else groups.set(key, { role: member.caller.role, claimsJson: member.caller.claimsJson, members: [member] })
    }
    const checked = indexes.filter((i) => changes[i].type !== 'DELETE')
    const groupList = [...groups.values()]
    const visible = groupList.length && checked.length
      ? await visibleChanges(pool, info, checked.map((i) => changes[i].record!), groupList)
      : []
    const seen = groupList.map(() => new Set<number>())
    for (const { group, index } of visible) seen[group].add(checked[index])
    const groupOf = new Map<ChannelMember, number>()
    groupList.forEach((g, gi) => g.members.forEach((m) => groupOf.set(m, gi)))

    for (const [member, perChange] of wanted) {
      const gi = groupOf.get(member)
      for (const [i, ids] of perChange) {
        // Deletes cannot be checked against a row that is gone; like Supabase, they carry only the primary key.
        const allowed = member.caller.bypassRls || changes[i].type === 'DELETE' || seen[gi!].has(i)
        if (allowed) deliveries[i].push({ member, ids })
      }
    }
  }

  changes.forEach((change, i) => {
    if (!deliveries[i].length) return
    const data = JSON.stringify(changePayload(change, infos[i]!))
    for (const { member, ids } of deliveries[i]) {
      const payload = `{"ids":${JSON.stringify(ids)},"data":${data}}`
      member.outbox.sendText(encodeRawFrame(member.joinRef, member.topic, 'postgres_changes', payload, member.outbox.vsn))
    }
  })
}

function matchingBindings(bindings: ChangeBinding[], info: TableInfo, change: Change): number[] {
  const ids: number[] = []
  for (const b of bindings) {
    if (b.schema !== info.schema || (b.table && b.table !== info.table)) continue
    if (b.event !== '*' && b.event !== change.type) continue
    if (b.filter) {
      const row = change.type === 'DELETE' ? change.old_record : change.record
      if (!row || !matchesFilter(b.filter, row, info.typeOf.get(b.filter.column))) continue
    }
    ids.push(b.id)
  }
  return ids
}

function changePayload(change: Change, info: TableInfo): Record<string, unknown> {
  const data: Record<string, unknown> = {
    schema: change.schema,
    table: change.table,
    commit_timestamp: change.commit_timestamp,
    type: change.type,
    columns: info.columns,
  }
  if (change.type !== 'DELETE') data.record = change.record
  if (change.type !== 'INSERT') data.old_record = oldRecord(change, info)
  data.errors = null
  return data
}

// Full old row only with replica identity full (and, for deletes, no RLS); otherwise the primary key.
function oldRecord(change: Change, info: TableInfo): Record<string, unknown> {
  const old = change.old_record ?? {}
  const full = info.replicaIdentityFull && !(change.type === 'DELETE' && info.rls)
  if (full) return old
  return Object.fromEntries(info.primaryKey.map((c) => [c, old[c]]))
}
