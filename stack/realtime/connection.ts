import { randomUUID } from 'node:crypto'
import type { Duplex } from 'node:stream'
import type pg from 'pg'
import type { WebSocket } from 'ws'
import { fanOutBroadcast } from './broadcast.ts'
import { CallerError, type Caller, type CallerResolver } from './caller.ts'
import { describeBindings, FULL_ACCESS, JoinError, readJoinConfig, type ChannelMember, type Outbox } from './channel.ts'
import type { ListenedTables } from './listened-tables.ts'
import { privateChannelAccess } from './private-access.ts'
import type { PresenceRegistry } from './presence.ts'
import { decodeFrame, encodeFrame, FrameError, type Frame, type Vsn } from './protocol.ts'
import type { TableCatalog } from './table-info.ts'
import type { Topics } from './topics.ts'

export interface ConnectionDeps {
  pool: pg.Pool
  callers: CallerResolver
  catalog: TableCatalog
  topics: Topics
  presence: PresenceRegistry
  listened: ListenedTables
  log(line: string): void
}

const MAX_TIMER_MS = 2 ** 31 - 1
let nextMemberId = 1

/** One realtime-js websocket: Phoenix heartbeats, channel joins and leaves, broadcast and presence pushes. */
export class Connection {
  private members = new Map<string, ChannelMember>()
  private expiryTimers = new Map<ChannelMember, NodeJS.Timeout>()
  /** Frames are handled one at a time, in arrival order (joins await the database). */
  private queue: Promise<void> = Promise.resolve()
  readonly outbox: Outbox

  private corked = false

  constructor(private ws: WebSocket, private socket: Duplex, vsn: Vsn, private apiKey: string | undefined, private deps: ConnectionDeps) {
    this.outbox = {
      vsn,
      send: (frame) => this.sendText(encodeFrame(frame, vsn)),
      sendText: (text) => this.sendText(text),
      sendBinary: (data) => {
        if (ws.readyState !== ws.OPEN) return
        this.cork()
        ws.send(data, { binary: true })
      },
    }
    ws.on('message', (data, isBinary) => {
      this.queue = this.queue.then(() => this.receive(data as Buffer, isBinary)).catch((e) => deps.log(`frame: ${(e as Error).stack}`))
    })
    ws.on('close', () => {
      this.queue = this.queue.then(() => this.closeAll())
    })
  }

  private sendText(text: string): void {
    if (this.ws.readyState !== this.ws.OPEN) return
    this.cork()
    this.ws.send(text)
  }

  // Frames sent in one tick (a batch of changes) leave in one write instead of one syscall each.
  private cork(): void {
    if (this.corked) return
    this.corked = true
    this.socket.cork()
    process.nextTick(() => {
      this.corked = false
      this.socket.uncork()
    })
  }

  private reply(frame: Frame, status: 'ok' | 'error', response: Record<string, unknown> = {}): void {
    this.outbox.send({ join_ref: frame.join_ref, ref: frame.ref, topic: frame.topic, event: 'phx_reply', payload: { status, response } })
  }

  private async receive(data: Buffer, isBinary: boolean): Promise<void> {
    let frame: Frame
    try {
      frame = decodeFrame(data, isBinary, this.outbox.vsn)
    } catch (error) {
      if (!(error instanceof FrameError)) throw error
      this.outbox.send({ join_ref: null, ref: null, topic: 'phoenix', event: 'phx_reply', payload: { status: 'error', response: { reason: `malformed message: ${error.message}` } } })
      return
    }
    if (frame.topic === 'phoenix') {
      if (frame.event === 'heartbeat') return this.reply(frame, 'ok')
      return this.reply(frame, 'error', { reason: `unknown event ${frame.event} on topic phoenix` })
    }
    if (frame.event === 'phx_join') return this.join(frame)
    const member = this.members.get(frame.topic)
    // Leaving is idempotent, so a client can clean up a channel whose join was refused.
    if (!member && frame.event === 'phx_leave') return this.reply(frame, 'ok')
    if (!member) return this.reply(frame, 'error', { reason: 'unmatched topic' })
    switch (frame.event) {
      case 'phx_leave':
        this.leave(member)
        return this.reply(frame, 'ok')
      case 'access_token':
        return this.refreshToken(member, frame)
      case 'broadcast':
        return this.broadcast(member, frame)
      case 'presence':
        return this.presence(member, frame)
      default:
        return this.reply(frame, 'error', { reason: `unknown event ${frame.event}` })
    }
  }

  private async join(frame: Frame): Promise<void> {
    const existing = this.members.get(frame.topic)
    if (existing) this.leave(existing)
    const payload = frame.payload
    let caller: Caller
    let member: ChannelMember
    try {
      caller = await this.deps.callers.resolve(typeof payload.access_token === 'string' ? payload.access_token : this.apiKey)
      const { config, bindings } = readJoinConfig(payload, randomUUID)
      const subTopic = frame.topic.replace(/^realtime:/, '')
      const access = config.private ? await privateChannelAccess(this.deps.pool, caller, subTopic) : FULL_ACCESS
      if (!access.broadcastRead && !access.presenceRead) {
        throw new JoinError(`Unauthorized: You do not have permissions to read from this Channel topic: ${subTopic}`)
      }
      member = { id: nextMemberId++, topic: frame.topic, subTopic, joinRef: frame.join_ref ?? frame.ref, outbox: this.outbox, config, bindings, caller, access }
    } catch (error) {
      if (error instanceof CallerError || error instanceof JoinError) return this.reply(frame, 'error', { reason: error.message })
      throw error
    }
    // Changes are captured only for watched tables: confirmed once this channel's tables are recorded as watched.
    if (member.bindings.length) {
      try {
        await this.deps.listened.add(member.bindings)
      } catch (error) {
        this.deps.listened.remove(member.bindings)
        return this.reply(frame, 'error', { reason: `Unable to subscribe to changes: ${(error as Error).message}` })
      }
    }
    this.members.set(frame.topic, member)
    this.deps.topics.add(member)
    this.watchExpiry(member)
    const requested = Array.isArray(payload.config?.postgres_changes) ? payload.config.postgres_changes : []
    this.reply(frame, 'ok', { postgres_changes: describeBindings(member.bindings, requested) })
    if (member.bindings.length) await this.announceChanges(member)
    if (member.config.presenceEnabled) this.deps.presence.sendState(member)
  }

  // Supabase follows the join reply with a system message saying whether postgres changes are flowing.
  private async announceChanges(member: ChannelMember): Promise<void> {
    const published = await this.deps.catalog.publishedTables()
    const missing = member.bindings.filter((b) => b.table && !published.has(`${b.schema}.${b.table}`))
    const ok = missing.length === 0
    const message = ok
      ? 'Subscribed to PostgreSQL'
      : `Unable to subscribe to changes with given parameters. Please check Realtime is enabled for the given connect parameters: ${missing
          .map((b) => `[schema: ${b.schema}, table: ${b.table}, filters: ${b.filterText ? `[${b.filterText}]` : '[]'}]`)
          .join(', ')}`
    this.system(member, { status: ok ? 'ok' : 'error', extension: 'postgres_changes', message, channel: member.subTopic })
  }

  private system(member: ChannelMember, payload: Record<string, unknown>): void {
    this.outbox.send({ join_ref: member.joinRef, ref: null, topic: member.topic, event: 'system', payload })
  }

  private leave(member: ChannelMember): void {
    if (this.members.get(member.topic) === member && member.bindings.length) this.deps.listened.remove(member.bindings)
    this.deps.presence.untrack(member)
    this.deps.topics.remove(member)
    this.members.delete(member.topic)
    clearTimeout(this.expiryTimers.get(member))
    this.expiryTimers.delete(member)
  }

  /** Closes a channel from the server side, as Supabase does when its token is refused or expires. */
  private close(member: ChannelMember, reason: string): void {
    this.system(member, { status: 'error', extension: 'system', message: reason, channel: member.subTopic })
    this.leave(member)
    this.outbox.send({ join_ref: member.joinRef, ref: null, topic: member.topic, event: 'phx_close', payload: {} })
  }

  private watchExpiry(member: ChannelMember): void {
    clearTimeout(this.expiryTimers.get(member))
    if (!member.caller.exp) return
    const ms = Math.min(member.caller.exp * 1000 - Date.now(), MAX_TIMER_MS)
    const timer = setTimeout(() => {
      if (this.members.get(member.topic) === member) this.close(member, 'Token has expired')
    }, Math.max(ms, 0))
    timer.unref()
    this.expiryTimers.set(member, timer)
  }

  private async refreshToken(member: ChannelMember, frame: Frame): Promise<void> {
    const token = frame.payload.access_token
    try {
      member.caller = await this.deps.callers.resolve(typeof token === 'string' ? token : undefined)
      if (member.config.private) member.access = await privateChannelAccess(this.deps.pool, member.caller, member.subTopic)
    } catch (error) {
      if (!(error instanceof CallerError)) throw error
      this.reply(frame, 'error', { reason: error.message })
      return this.close(member, error.message)
    }
    this.watchExpiry(member)
    this.reply(frame, 'ok')
  }

  private broadcast(member: ChannelMember, frame: Frame): void {
    const { event, payload } = frame.payload
    if (typeof event !== 'string') return this.reply(frame, 'error', { reason: 'broadcast needs an event name' })
    if (!member.access.broadcastWrite) {
      return this.reply(frame, 'error', { reason: `Unauthorized: You do not have permissions to write to this Channel topic: ${member.subTopic}` })
    }
    fanOutBroadcast(this.deps.topics, { topic: member.topic, event, payload, private: member.config.private }, member)
    if (member.config.broadcastAck && frame.ref) this.reply(frame, 'ok')
  }

  private presence(member: ChannelMember, frame: Frame): void {
    if (!member.access.presenceWrite) {
      return this.reply(frame, 'error', { reason: `Unauthorized: You do not have permissions to track presence on this Channel topic: ${member.subTopic}` })
    }
    const { event, payload } = frame.payload
    if (event === 'track') {
      // A channel that tracks without presence bindings still needs the state before diffs make sense to it.
      if (!member.config.presenceEnabled) {
        member.config.presenceEnabled = true
        this.deps.presence.sendState(member)
      }
      this.deps.presence.track(member, payload)
    } else if (event === 'untrack') {
      this.deps.presence.untrack(member)
    } else {
      return this.reply(frame, 'error', { reason: `unknown presence event ${event}` })
    }
    this.reply(frame, 'ok')
  }

  private closeAll(): void {
    for (const member of [...this.members.values()]) this.leave(member)
  }
}
