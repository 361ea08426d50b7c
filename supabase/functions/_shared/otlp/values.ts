// OTLP JSON values → plain JSON: AnyValue and KeyValue lists, nanosecond timestamps, ids.

/** A request whose structure is not an OTLP export request: the whole body is refused (400). */
export class MalformedError extends Error {}

export type Json = string | number | boolean | null | Json[] | { [key: string]: Json }
type Obj = Record<string, unknown>

export const isObject = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v)

/** `value[key]` as a list of objects: absent is empty, anything but an array of objects is malformed. */
export function listOf(value: Obj, key: string, where: string): Obj[] {
  const list = value[key]
  if (list === undefined || list === null) return []
  if (!Array.isArray(list)) throw new MalformedError(`${where}.${key} must be an array`)
  for (const item of list) if (!isObject(item)) throw new MalformedError(`${where}.${key} must hold objects`)
  return list as Obj[]
}

function int64(value: unknown): Json {
  if (typeof value === 'number') return value
  if (typeof value === 'string' && /^-?\d+$/.test(value)) {
    const n = Number(value)
    return Number.isSafeInteger(n) ? n : value
  }
  return null
}

export function anyValue(value: unknown): Json {
  if (!isObject(value)) return null
  if ('stringValue' in value) return String(value.stringValue)
  if ('boolValue' in value) return value.boolValue === true
  if ('intValue' in value) return int64(value.intValue)
  if ('doubleValue' in value) {
    const d = value.doubleValue
    return typeof d === 'number' ? d : typeof d === 'string' ? d : null
  }
  if ('arrayValue' in value) {
    const values = isObject(value.arrayValue) && Array.isArray(value.arrayValue.values) ? value.arrayValue.values : []
    return values.map(anyValue)
  }
  if ('kvlistValue' in value) {
    return attributes(isObject(value.kvlistValue) ? value.kvlistValue.values : [])
  }
  if ('bytesValue' in value) return typeof value.bytesValue === 'string' ? value.bytesValue : null
  return null
}

/** A KeyValue list flattened to { key: value }. */
export function attributes(list: unknown): { [key: string]: Json } {
  const out: { [key: string]: Json } = {}
  if (!Array.isArray(list)) return out
  for (const kv of list) {
    if (isObject(kv) && typeof kv.key === 'string') out[kv.key] = anyValue(kv.value)
  }
  return out
}

const NS_DIGITS = /^\d{1,20}$/

/** Nanoseconds since the epoch (number or decimal string) → ISO timestamp to the microsecond; 0/absent → null. */
export function nanosToIso(value: unknown): string | null | undefined {
  let text: string
  if (typeof value === 'string' && NS_DIGITS.test(value)) text = value
  else if (typeof value === 'number' && Number.isFinite(value) && value >= 0) text = BigInt(Math.trunc(value)).toString()
  else if (value === undefined || value === null) return null
  else return undefined // present but not a timestamp
  // Split at the millisecond so both halves are exact doubles: no BigInt on the per-span path.
  const ms = text.length > 6 ? Number(text.slice(0, -6)) : 0
  const micros = Math.floor(Number(text.slice(-6)) / 1000)
  if (ms === 0 && micros === 0) return null
  if (ms > 8.64e15) return undefined
  const iso = new Date(ms).toISOString()
  return `${iso.slice(0, -1)}${String(micros).padStart(3, '0')}Z`
}

const TRACE_ID = /^[0-9a-fA-F]{32}$/
const SPAN_ID = /^[0-9a-fA-F]{16}$/
const ZEROS = /^0+$/

/** A valid (non-zero, right-length) hex id in lowercase, '' when absent, or undefined when invalid. */
export function hexId(value: unknown, kind: 'trace' | 'span'): string | undefined {
  if (value === undefined || value === null || value === '') return ''
  if (typeof value !== 'string' || !(kind === 'trace' ? TRACE_ID : SPAN_ID).test(value) || ZEROS.test(value)) return undefined
  return value.toLowerCase()
}

/** An enum given as its number or (leniently) its proto name, e.g. 2 or "SPAN_KIND_SERVER". */
export function enumValue(value: unknown, names: readonly string[], prefix: string): number {
  if (typeof value === 'number') return value
  if (typeof value === 'string') {
    const index = names.indexOf(value.replace(prefix, '').toLowerCase())
    if (index >= 0) return index
  }
  return 0
}
