// Protocol Buffers wire format (https://protobuf.dev/programming-guides/encoding/): a reader for the OTLP
// requests otel-adapter receives and a tiny writer for the responses it sends. Written for OTLP only: no
// groups (wire types 3/4 are rejected), no unknown-field preservation.

export class WireError extends Error {}

export const WIRE = { varint: 0, i64: 1, len: 2, i32: 5 } as const

const utf8 = new TextDecoder()

export class Reader {
  pos = 0
  constructor(readonly buf: Uint8Array, readonly end = buf.length) {}

  get done(): boolean {
    return this.pos >= this.end
  }

  /** A varint as a number; exact below 2^53, which every length, tag, enum and 32-bit field is. */
  varint(): number {
    let result = 0
    let scale = 1
    for (let i = 0; i < 10; i++) {
      if (this.pos >= this.end) throw new WireError('truncated varint')
      const byte = this.buf[this.pos++]
      result += (byte & 0x7f) * scale
      if (byte < 0x80) return result
      scale *= 128
    }
    throw new WireError('varint longer than 10 bytes')
  }

  /** A varint as an unsigned 64-bit BigInt. */
  varint64(): bigint {
    let result = 0n
    let shift = 0n
    for (let i = 0; i < 10; i++) {
      if (this.pos >= this.end) throw new WireError('truncated varint')
      const byte = this.buf[this.pos++]
      result |= BigInt(byte & 0x7f) << shift
      if (byte < 0x80) return BigInt.asUintN(64, result)
      shift += 7n
    }
    throw new WireError('varint longer than 10 bytes')
  }

  private take(n: number): number {
    if (n < 0 || this.pos + n > this.end) throw new WireError('field runs past the end of its message')
    const at = this.pos
    this.pos += n
    return at
  }

  fixed32(): number {
    const at = this.take(4)
    const b = this.buf
    return (b[at] | (b[at + 1] << 8) | (b[at + 2] << 16) | (b[at + 3] << 24)) >>> 0
  }

  fixed64(): bigint {
    const low = this.fixed32()
    const high = this.fixed32()
    return (BigInt(high) << 32n) | BigInt(low)
  }

  /**
   * An unsigned fixed64 as a decimal string without BigInt (timestamps are read for every span):
   * high·2^32 + low = high·4294·10^6 + (high·967296 + low), and both parts stay exact in a double.
   */
  fixed64Decimal(): string {
    const low = this.fixed32()
    const high = this.fixed32()
    if (high < 0x200000) return String(high * 4294967296 + low) // below 2^53: exact as it is
    const rest = high * 967296 + low
    const millions = high * 4294 + Math.floor(rest / 1e6)
    return `${millions}${String(rest % 1e6).padStart(6, '0')}`
  }

  double(): number {
    const at = this.take(8)
    return new DataView(this.buf.buffer, this.buf.byteOffset + at, 8).getFloat64(0, true)
  }

  /** A length-delimited field's extent, as [start, end) in the buffer. */
  span(): [number, number] {
    const length = this.varint()
    const at = this.take(length)
    return [at, at + length]
  }

  string(): string {
    const [start, end] = this.span()
    // Short ASCII strings (names, keys) are most of OTLP: build them directly, skipping TextDecoder's call cost.
    if (end - start <= 64) {
      let out = ''
      for (let i = start; i < end; i++) {
        const c = this.buf[i]
        if (c >= 0x80) return utf8.decode(this.buf.subarray(start, end))
        out += String.fromCharCode(c)
      }
      return out
    }
    return utf8.decode(this.buf.subarray(start, end))
  }

  skip(wireType: number): void {
    switch (wireType) {
      case WIRE.varint: this.varint(); return
      case WIRE.i64: this.take(8); return
      case WIRE.len: this.span(); return
      case WIRE.i32: this.take(4); return
      default: throw new WireError(`unsupported wire type ${wireType}`)
    }
  }
}

/** Appends protobuf fields to a byte array; enough for OTLP responses and for tests. */
export class Writer {
  private bytes: number[] = []

  varint(value: number | bigint): this {
    let v = BigInt.asUintN(64, BigInt(value))
    while (v >= 0x80n) {
      this.bytes.push(Number(v & 0x7fn) | 0x80)
      v >>= 7n
    }
    this.bytes.push(Number(v))
    return this
  }

  tag(field: number, wireType: number): this {
    return this.varint(field * 8 + wireType)
  }

  raw(data: Uint8Array): this {
    for (const byte of data) this.bytes.push(byte)
    return this
  }

  /** A length-delimited field holding bytes, a string or an already-encoded message. */
  len(field: number, data: Uint8Array | string): this {
    const payload = typeof data === 'string' ? new TextEncoder().encode(data) : data
    return this.tag(field, WIRE.len).varint(payload.length).raw(payload)
  }

  finish(): Uint8Array<ArrayBuffer> {
    return Uint8Array.from(this.bytes)
  }
}
