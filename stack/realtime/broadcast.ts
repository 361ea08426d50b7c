import type { ChannelMember } from './channel.ts'
import { encodeBinaryBroadcast, encodeRawFrame, fitsBinaryBroadcast } from './protocol.ts'
import type { Topics } from './topics.ts'

export interface BroadcastMessage {
  topic: string
  event: string
  payload: unknown
  private: boolean
}

/**
 * Delivers a broadcast to the members of a topic (public and private channels of one name are separate),
 * skipping the sender unless it asked for its own messages and members a private channel does not let read.
 * vsn 2.0.0 members get the binary user-broadcast frame, vsn 1.0.0 members JSON.
 */
export function fanOutBroadcast(topics: Topics, message: BroadcastMessage, sender?: ChannelMember): number {
  let binary: Buffer | undefined
  let json: string | undefined
  let delivered = 0
  for (const member of topics.members(message.topic)) {
    if (member.config.private !== message.private) continue
    if (member === sender && !member.config.broadcastSelf) continue
    if (!member.access.broadcastRead) continue
    const event = message.event
    if (member.outbox.vsn === '2.0.0' && fitsBinaryBroadcast(member.topic, event)) {
      binary ??= encodeBinaryBroadcast(member.topic, event, message.payload)
      member.outbox.sendBinary(binary)
    } else {
      json ??= JSON.stringify({ type: 'broadcast', event, payload: message.payload })
      member.outbox.sendText(encodeRawFrame(member.joinRef, member.topic, 'broadcast', json, member.outbox.vsn))
    }
    delivered++
  }
  return delivered
}
