import type { Caller } from './caller.ts'
import { parseFilter, type ChangeFilter } from './filters.ts'
import type { Frame, Vsn } from './protocol.ts'

/** Where frames for one websocket go. */
export interface Outbox {
  vsn: Vsn
  send(frame: Frame): void
  sendText(text: string): void
  sendBinary(data: Buffer): void
}

/** One postgres_changes binding of a channel, with the id the client matches events by. */
export interface ChangeBinding {
  id: number
  event: string
  schema: string
  table?: string
  /** The filter string exactly as the client sent it (echoed in the join reply). */
  filterText?: string
  filter?: ChangeFilter
}

/** What a private channel's caller may do, from RLS on realtime.messages. */
export interface ChannelAccess {
  broadcastRead: boolean
  broadcastWrite: boolean
  presenceRead: boolean
  presenceWrite: boolean
}

export const FULL_ACCESS: ChannelAccess = { broadcastRead: true, broadcastWrite: true, presenceRead: true, presenceWrite: true }

export interface ChannelConfig {
  broadcastSelf: boolean
  broadcastAck: boolean
  presenceKey: string
  presenceEnabled: boolean
  private: boolean
}

/** A socket joined to a topic. */
export interface ChannelMember {
  /** Unique per join, used as the presence owner. */
  id: number
  topic: string
  /** The topic without realtime-js's `realtime:` prefix: what realtime.topic() returns and REST broadcasts name. */
  subTopic: string
  joinRef: string | null
  outbox: Outbox
  config: ChannelConfig
  bindings: ChangeBinding[]
  caller: Caller
  access: ChannelAccess
}

export class JoinError extends Error {}

let nextBindingId = 1

/** Reads phx_join's config; throws JoinError on a filter or binding the service cannot honour. */
export function readJoinConfig(payload: any, generatedKey: () => string): { config: ChannelConfig; bindings: ChangeBinding[] } {
  const raw = payload?.config ?? {}
  const presenceKey = typeof raw.presence?.key === 'string' && raw.presence.key ? raw.presence.key : generatedKey()
  const config: ChannelConfig = {
    broadcastSelf: raw.broadcast?.self === true,
    broadcastAck: raw.broadcast?.ack === true,
    presenceKey,
    presenceEnabled: raw.presence?.enabled === true,
    private: raw.private === true,
  }
  const list = raw.postgres_changes ?? []
  if (!Array.isArray(list)) throw new JoinError('postgres_changes must be a list')
  const bindings = list.map((entry: any): ChangeBinding => {
    const event = typeof entry?.event === 'string' ? entry.event.toUpperCase() : ''
    if (!['*', 'INSERT', 'UPDATE', 'DELETE'].includes(event)) throw new JoinError(`Unknown postgres_changes event: ${entry?.event}`)
    const schema = typeof entry.schema === 'string' && entry.schema ? entry.schema : 'public'
    const table = typeof entry.table === 'string' && entry.table && entry.table !== '*' ? entry.table : undefined
    const filterText = typeof entry.filter === 'string' && entry.filter ? entry.filter : undefined
    let filter: ChangeFilter | undefined
    try {
      filter = filterText ? parseFilter(filterText) : undefined
    } catch (error) {
      throw new JoinError((error as Error).message)
    }
    return { id: nextBindingId++, event, schema, table, filterText, filter }
  })
  return { config, bindings }
}

/** The join reply's postgres_changes list, one entry per binding in the client's order. */
export function describeBindings(bindings: ChangeBinding[], requested: any[]): Array<Record<string, unknown>> {
  return bindings.map((b, i) => {
    const sent = requested[i] ?? {}
    const entry: Record<string, unknown> = { id: b.id, event: sent.event, schema: sent.schema }
    if (sent.table !== undefined) entry.table = sent.table
    if (sent.filter !== undefined) entry.filter = sent.filter
    return entry
  })
}
