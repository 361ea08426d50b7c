// Schema-driven protobuf decoding into the OTLP JSON shape (lowerCamelCase names, trace/span ids as hex,
// other bytes as base64, 64-bit integers as decimal strings, enums as numbers), so one normalizer serves
// both encodings.
import { Reader, WIRE, WireError } from './wire.ts'

export type Scalar =
  | 'string' | 'bytes' | 'id' | 'bool' | 'enum' | 'int32' | 'uint32' | 'sint32'
  | 'int64' | 'uint64' | 'fixed64' | 'sfixed64' | 'fixed32' | 'double'

export interface Field {
  name: string
  type: Scalar | (() => MessageType)
  repeated?: boolean
}
export type MessageType = Record<number, Field>

export type Decoded = Record<string, unknown>

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'))

function hex(buf: Uint8Array, start: number, end: number): string {
  let out = ''
  for (let i = start; i < end; i++) out += HEX[buf[i]]
  return out
}

function base64(buf: Uint8Array, start: number, end: number): string {
  let binary = ''
  for (let i = start; i < end; i++) binary += String.fromCharCode(buf[i])
  return btoa(binary)
}

const VARINT_TYPES = new Set<Scalar>(['bool', 'enum', 'int32', 'uint32', 'sint32', 'int64', 'uint64'])
const I64_TYPES = new Set<Scalar>(['fixed64', 'sfixed64', 'double'])

function wireTypeOf(type: Field['type']): number {
  if (typeof type === 'function') return WIRE.len
  if (VARINT_TYPES.has(type)) return WIRE.varint
  if (I64_TYPES.has(type)) return WIRE.i64
  if (type === 'fixed32') return WIRE.i32
  return WIRE.len
}

function readScalar(r: Reader, type: Scalar): unknown {
  switch (type) {
    case 'string': return r.string()
    case 'bytes': { const [s, e] = r.span(); return base64(r.buf, s, e) }
    case 'id': { const [s, e] = r.span(); return hex(r.buf, s, e) }
    case 'bool': return r.varint64() !== 0n
    case 'uint32': return Number(BigInt.asUintN(32, r.varint64()))
    case 'enum':
    case 'int32': return Number(BigInt.asIntN(32, r.varint64()))
    case 'sint32': { const n = Number(BigInt.asUintN(32, r.varint64())); return (n >>> 1) ^ -(n & 1) }
    case 'int64': return BigInt.asIntN(64, r.varint64()).toString()
    case 'uint64': return r.varint64().toString()
    case 'fixed64': return r.fixed64Decimal()
    case 'sfixed64': return BigInt.asIntN(64, r.fixed64()).toString()
    case 'fixed32': return r.fixed32()
    case 'double': return r.double()
  }
}

function decodeFields(r: Reader, type: MessageType): Decoded {
  const out: Decoded = {}
  while (!r.done) {
    const tag = r.varint()
    const number = Math.floor(tag / 8)
    const wireType = tag & 7
    if (number === 0) throw new WireError('field number 0')
    const field = type[number]
    if (!field) {
      r.skip(wireType)
      continue
    }
    const expected = (field as { wire?: number }).wire ??= wireTypeOf(field.type)
    let values: unknown[]
    if (wireType === expected) {
      if (typeof field.type === 'function') {
        const [start, end] = r.span()
        const inner = new Reader(r.buf, end)
        inner.pos = start
        values = [decodeFields(inner, field.type())]
      } else {
        values = [readScalar(r, field.type)]
      }
    } else if (wireType === WIRE.len && field.repeated && expected !== WIRE.len) {
      const [start, end] = r.span() // packed repeated scalars
      const inner = new Reader(r.buf, end)
      inner.pos = start
      values = []
      while (!inner.done) values.push(readScalar(inner, field.type as Scalar))
    } else {
      throw new WireError(`field ${field.name} (${number}) has wire type ${wireType}, expected ${expected}`)
    }
    if (field.repeated) {
      const list = (out[field.name] ??= []) as unknown[]
      for (const v of values) list.push(v)
    } else {
      out[field.name] = values[0]
    }
  }
  return out
}

/** Decodes a whole protobuf message; throws WireError when the bytes are not a valid encoding of it. */
export function decodeMessage(bytes: Uint8Array, type: MessageType): Decoded {
  return decodeFields(new Reader(bytes), type)
}
