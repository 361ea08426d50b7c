// Schema-driven protobuf encoding from the OTLP JSON shape (the inverse of decode.ts, same field tables):
// hex ids and base64 bytes → bytes, 64-bit integers from decimal strings or numbers, enums as numbers.
// Fields are written in field-number order; proto3 defaults (0, '', false) are left out except inside
// AnyValue, whose fields are a oneof and are written whenever present.
import type { Field, MessageType, Scalar } from './decode.ts'
import { AnyValue, ExportTraceServiceRequest } from './schema.ts'
import { WIRE } from './wire.ts'

class Bytes {
  buf: Uint8Array
  length = 0
  constructor(size = 64) {
    this.buf = new Uint8Array(size)
  }

  private room(n: number): void {
    if (this.length + n <= this.buf.length) return
    const next = new Uint8Array(Math.max(this.buf.length * 2, this.length + n))
    next.set(this.buf.subarray(0, this.length))
    this.buf = next
  }

  byte(b: number): void {
    this.room(1)
    this.buf[this.length++] = b
  }

  varint(value: bigint): void {
    let v = BigInt.asUintN(64, value)
    while (v >= 0x80n) {
      this.byte(Number(v & 0x7fn) | 0x80)
      v >>= 7n
    }
    this.byte(Number(v))
  }

  smallVarint(value: number): void {
    if (value < 0 || value > 0xffffffff) return this.varint(BigInt(value))
    while (value >= 0x80) {
      this.byte((value & 0x7f) | 0x80)
      value = Math.floor(value / 128)
    }
    this.byte(value)
  }

  /** Fills in the length of what was written after the placeholder byte at `at`. */
  lengthAt(at: number): void {
    const size = this.length - at - 1
    if (size < 0x80) {
      this.buf[at] = size
      return
    }
    let extra = 0
    for (let v = size; v >= 0x80; v = Math.floor(v / 128)) extra++
    this.room(extra)
    this.buf.copyWithin(at + 1 + extra, at + 1, this.length)
    this.length += extra
    let v = size
    for (let i = 0; i <= extra; i++) {
      this.buf[at + i] = i < extra ? (v & 0x7f) | 0x80 : v
      v = Math.floor(v / 128)
    }
  }

  bytes(data: Uint8Array): void {
    this.room(data.length)
    this.buf.set(data, this.length)
    this.length += data.length
  }

  fixed32(value: number): void {
    this.room(4)
    for (let i = 0; i < 4; i++) this.buf[this.length++] = (value >>> (i * 8)) & 0xff
  }

  fixed64(value: bigint): void {
    const v = BigInt.asUintN(64, value)
    this.fixed32(Number(v & 0xffffffffn))
    this.fixed32(Number(v >> 32n))
  }

  finish(): Uint8Array<ArrayBuffer> {
    return this.buf.slice(0, this.length)
  }
}

const utf8 = new TextEncoder()

function fromHex(value: string): Uint8Array {
  const out = new Uint8Array(value.length / 2)
  for (let i = 0; i < out.length; i++) out[i] = parseInt(value.slice(i * 2, i * 2 + 2), 16)
  return out
}

function fromBase64(value: string): Uint8Array {
  return Uint8Array.from(atob(value), (c) => c.charCodeAt(0))
}

const integer = (value: unknown): bigint => BigInt(typeof value === 'number' ? Math.trunc(value) : String(value))

/** Varints without BigInt for the common case: non-negative safe integers (enums, counts, int64 attribute values). */
function writeVarint(out: Bytes, value: unknown): void {
  const n = typeof value === 'number' ? value : typeof value === 'string' && value.length < 16 ? Number(value) : NaN
  if (Number.isSafeInteger(n) && n >= 0) out.smallVarint(n)
  else out.varint(integer(value))
}

const FIELD_ORDER = new WeakMap<MessageType, Array<[number, Field, number]>>()

function fieldsOf(type: MessageType): Array<[number, Field, number]> {
  let fields = FIELD_ORDER.get(type)
  if (!fields) {
    fields = Object.keys(type).map(Number).sort((a, b) => a - b).map((n) => [n, type[n], wireTypeOf(type[n].type)])
    FIELD_ORDER.set(type, fields)
  }
  return fields
}

function isDefault(value: unknown): boolean {
  return value === 0 || value === '' || value === false || value === '0'
}

function wireTypeOf(type: Field['type']): number {
  if (typeof type === 'function') return WIRE.len
  switch (type) {
    case 'bool': case 'enum': case 'int32': case 'uint32': case 'sint32': case 'int64': case 'uint64': return WIRE.varint
    case 'fixed64': case 'sfixed64': case 'double': return WIRE.i64
    case 'fixed32': return WIRE.i32
    default: return WIRE.len
  }
}

function writeScalar(out: Bytes, type: Scalar, value: unknown): void {
  switch (type) {
    case 'string': { const data = utf8.encode(String(value)); out.smallVarint(data.length); out.bytes(data); return }
    case 'id': { const data = fromHex(String(value)); out.smallVarint(data.length); out.bytes(data); return }
    case 'bytes': { const data = fromBase64(String(value)); out.smallVarint(data.length); out.bytes(data); return }
    case 'bool': out.byte(value === true || value === 'true' ? 1 : 0); return
    case 'enum': case 'int32': case 'int64': case 'uint32': case 'uint64': writeVarint(out, value); return
    case 'sint32': { const n = Number(value); out.smallVarint(((n << 1) ^ (n >> 31)) >>> 0); return }
    case 'fixed64': case 'sfixed64': out.fixed64(integer(value)); return
    case 'fixed32': out.fixed32(Number(value) >>> 0); return
    case 'double': {
      const view = new DataView(new ArrayBuffer(8))
      view.setFloat64(0, Number(value), true)
      out.bytes(new Uint8Array(view.buffer))
      return
    }
  }
}

function encodeInto(out: Bytes, message: Record<string, unknown>, type: MessageType): void {
  const oneof = type === AnyValue
  for (const [number, field, wire] of fieldsOf(type)) {
    const value = message[field.name]
    if (value === undefined || value === null) continue
    const values = field.repeated ? (Array.isArray(value) ? value : []) : [value]
    if (field.repeated && values.length === 0) continue
    if (typeof field.type === 'function') {
      const inner = field.type()
      for (const item of values) {
        out.smallVarint(number * 8 + WIRE.len)
        // Written in place after a one-byte length; moved right when the length needs more bytes.
        const at = out.length
        out.byte(0)
        encodeInto(out, (item ?? {}) as Record<string, unknown>, inner)
        out.lengthAt(at)
      }
    } else if (field.repeated && wire !== WIRE.len) {
      const packed = new Bytes() // proto3 packs repeated numbers
      for (const item of values) writeScalar(packed, field.type, item)
      out.smallVarint(number * 8 + WIRE.len)
      out.smallVarint(packed.length)
      out.bytes(packed.finish())
    } else {
      for (const item of values) {
        if (!field.repeated && !oneof && isDefault(item)) continue
        out.smallVarint(number * 8 + wire)
        writeScalar(out, field.type, item)
      }
    }
  }
}

/** Encodes a message given in the OTLP JSON shape as protobuf bytes. */
export function encodeMessage(message: Record<string, unknown>, type: MessageType): Uint8Array<ArrayBuffer> {
  const out = new Bytes(type === ExportTraceServiceRequest ? 4096 : 64)
  encodeInto(out, message, type)
  return out.finish()
}
