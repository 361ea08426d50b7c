// Phoenix channel frames as realtime-js speaks them: vsn 1.0.0 sends JSON objects, vsn 2.0.0 JSON arrays
// [join_ref, ref, topic, event, payload] plus binary frames for user broadcasts.

export type Vsn = '1.0.0' | '2.0.0'

export interface Frame {
  join_ref: string | null
  ref: string | null
  topic: string
  event: string
  payload: any
}

const KIND_USER_BROADCAST_PUSH = 3
const KIND_USER_BROADCAST = 4
const ENCODING_BINARY = 0
const ENCODING_JSON = 1

export class FrameError extends Error {}

/** Parses one client frame; throws FrameError when it is not a frame of this protocol version. */
export function decodeFrame(data: Buffer | string, isBinary: boolean, vsn: Vsn): Frame {
  if (isBinary) {
    if (vsn !== '2.0.0') throw new FrameError('binary frames need vsn 2.0.0')
    return decodeBinaryPush(Buffer.isBuffer(data) ? data : Buffer.from(data))
  }
  let parsed: unknown
  try {
    parsed = JSON.parse(data.toString())
  } catch {
    throw new FrameError('malformed JSON')
  }
  if (vsn === '2.0.0') {
    if (!Array.isArray(parsed) || parsed.length !== 5) throw new FrameError('expected [join_ref, ref, topic, event, payload]')
    const [join_ref, ref, topic, event, payload] = parsed
    return checked({ join_ref, ref, topic, event, payload })
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new FrameError('expected a message object')
  const { join_ref = null, ref = null, topic, event, payload } = parsed as Record<string, any>
  return checked({ join_ref, ref, topic, event, payload })
}

function checked(frame: Frame): Frame {
  if (typeof frame.topic !== 'string' || typeof frame.event !== 'string') throw new FrameError('topic and event must be strings')
  if (frame.payload === undefined || frame.payload === null) frame.payload = {}
  if (typeof frame.payload !== 'object') throw new FrameError('payload must be an object')
  frame.ref = frame.ref == null ? null : String(frame.ref)
  frame.join_ref = frame.join_ref == null ? null : String(frame.join_ref)
  return frame
}

// kind, join_ref size, ref size, topic size, event size, metadata size, encoding, then the strings and the payload.
function decodeBinaryPush(buf: Buffer): Frame {
  if (buf.length < 7 || buf[0] !== KIND_USER_BROADCAST_PUSH) throw new FrameError('unknown binary frame')
  const sizes = [buf[1], buf[2], buf[3], buf[4], buf[5]]
  const encoding = buf[6]
  let offset = 7
  const [joinRef, ref, topic, event, metadata] = sizes.map((size) => {
    if (offset + size > buf.length) throw new FrameError('truncated binary frame')
    const text = buf.toString('utf8', offset, offset + size)
    offset += size
    return text
  })
  const body = buf.subarray(offset)
  let userPayload: unknown
  if (encoding === ENCODING_JSON) {
    try {
      userPayload = body.length ? JSON.parse(body.toString('utf8')) : {}
    } catch {
      throw new FrameError('malformed JSON in binary frame')
    }
  } else if (encoding === ENCODING_BINARY) {
    userPayload = Buffer.from(body)
  } else {
    throw new FrameError('unknown payload encoding')
  }
  const payload: Record<string, unknown> = { type: 'broadcast', event, payload: userPayload }
  if (metadata) {
    try {
      Object.assign(payload, JSON.parse(metadata))
    } catch {
      throw new FrameError('malformed metadata in binary frame')
    }
  }
  return { join_ref: joinRef || null, ref: ref || null, topic, event: 'broadcast', payload }
}

/** Encodes a server frame as text for the connection's protocol version. */
export function encodeFrame(frame: Frame, vsn: Vsn): string {
  if (vsn === '2.0.0') return JSON.stringify([frame.join_ref, frame.ref, frame.topic, frame.event, frame.payload])
  return JSON.stringify(frame)
}

/**
 * Encodes an already serialized payload without parsing it again: the fan-out of one change or broadcast to
 * many sockets serializes its payload once.
 */
export function encodeRawFrame(joinRef: string | null, topic: string, event: string, payloadJson: string, vsn: Vsn): string {
  if (vsn === '2.0.0') return `[${JSON.stringify(joinRef)},null,${JSON.stringify(topic)},${JSON.stringify(event)},${payloadJson}]`
  return `{"join_ref":${JSON.stringify(joinRef)},"ref":null,"topic":${JSON.stringify(topic)},"event":${JSON.stringify(event)},"payload":${payloadJson}}`
}

/** A user broadcast as the binary frame vsn 2.0.0 clients decode (kind 4). */
export function encodeBinaryBroadcast(topic: string, event: string, payload: unknown, meta?: Record<string, unknown>): Buffer {
  const topicBytes = Buffer.from(topic)
  const eventBytes = Buffer.from(event)
  const metaBytes = Buffer.from(meta && Object.keys(meta).length ? JSON.stringify(meta) : '')
  const isBinary = Buffer.isBuffer(payload) || payload instanceof ArrayBuffer
  const body = isBinary ? Buffer.from(payload as Buffer) : Buffer.from(JSON.stringify(payload ?? {}))
  const header = Buffer.from([
    KIND_USER_BROADCAST, topicBytes.length, eventBytes.length, metaBytes.length, isBinary ? ENCODING_BINARY : ENCODING_JSON,
  ])
  return Buffer.concat([header, topicBytes, eventBytes, metaBytes, body])
}

/** Whether a broadcast can go out as a binary frame (every length must fit one byte). */
export function fitsBinaryBroadcast(topic: string, event: string): boolean {
  return Buffer.byteLength(topic) <= 255 && Buffer.byteLength(event) <= 255
}
