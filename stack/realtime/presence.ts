import { randomBytes } from 'node:crypto'
import type { ChannelMember } from './channel.ts'
import { encodeRawFrame } from './protocol.ts'
import type { Topics } from './topics.ts'

type Meta = Record<string, unknown> & { phx_ref: string }
type PresenceMap = Record<string, { metas: Meta[] }>

/** Phoenix Presence for one service: who tracks what on each topic, pushed as presence_state and presence_diff. */
export class PresenceRegistry {
  /** topic -> member id -> (key, meta) */
  private tracked = new Map<string, Map<number, { key: string; meta: Meta }>>()

  constructor(private topics: Topics) {}

  /** Sends the topic's current presence to a member that just joined. */
  sendState(member: ChannelMember): void {
    if (!member.access.presenceRead) return
    const state: PresenceMap = {}
    for (const { key, meta } of this.tracked.get(member.topic)?.values() ?? []) {
      ;(state[key] ??= { metas: [] }).metas.push(meta)
    }
    member.outbox.sendText(encodeRawFrame(member.joinRef, member.topic, 'presence_state', JSON.stringify(state), member.outbox.vsn))
  }

  track(member: ChannelMember, payload: unknown): void {
    let members = this.tracked.get(member.topic)
    if (!members) this.tracked.set(member.topic, (members = new Map()))
    const previous = members.get(member.id)
    const meta: Meta = { ...(isObject(payload) ? payload : {}), phx_ref: randomBytes(9).toString('base64url') }
    members.set(member.id, { key: member.config.presenceKey, meta })
    // The leave goes out on its own first: realtime-js's join handler strips phx_ref from the metas it already
    // holds, so a leave in the same diff as the join would no longer find the old meta.
    if (previous) this.broadcastDiff(member.topic, {}, { [previous.key]: { metas: [previous.meta] } })
    this.broadcastDiff(member.topic, { [member.config.presenceKey]: { metas: [meta] } }, {})
  }

  untrack(member: ChannelMember): void {
    const members = this.tracked.get(member.topic)
    const previous = members?.get(member.id)
    if (!members || !previous) return
    members.delete(member.id)
    if (members.size === 0) this.tracked.delete(member.topic)
    this.broadcastDiff(member.topic, {}, { [previous.key]: { metas: [previous.meta] } })
  }

  private broadcastDiff(topic: string, joins: PresenceMap, leaves: PresenceMap): void {
    const diff = JSON.stringify({ joins, leaves })
    for (const member of this.topics.members(topic)) {
      if (!member.access.presenceRead) continue
      member.outbox.sendText(encodeRawFrame(member.joinRef, topic, 'presence_diff', diff, member.outbox.vsn))
    }
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
