// postgres_changes filters as realtime-js sends them: `column=op.value`, `column=in.(a,b,"c d")`.

export type FilterOp = 'eq' | 'neq' | 'lt' | 'lte' | 'gt' | 'gte' | 'in'

export interface ChangeFilter {
  column: string
  op: FilterOp
  /** One value, or several for `in`. */
  values: string[]
}

const OPS = new Set<FilterOp>(['eq', 'neq', 'lt', 'lte', 'gt', 'gte', 'in'])
const NUMERIC_TYPES = new Set(['int2', 'int4', 'int8', 'float4', 'float8', 'numeric', 'oid', 'money'])

export class FilterError extends Error {}

/** Parses a filter string; throws FilterError with a message a user can act on. */
export function parseFilter(text: string): ChangeFilter {
  const match = /^([^=]+)=([a-z]+)\.(.*)$/s.exec(text)
  if (!match) throw new FilterError(`Error parsing \`filter\` params: ${text}`)
  const [, column, op, rest] = match
  if (!OPS.has(op as FilterOp)) throw new FilterError(`Error parsing \`filter\` params: unknown operator ${op}`)
  if (op !== 'in') return { column, op: op as FilterOp, values: [rest] }
  const list = /^\((.*)\)$/s.exec(rest)
  if (!list) throw new FilterError(`Error parsing \`filter\` params: in needs a list like in.(a,b)`)
  return { column, op: 'in', values: splitList(list[1]) }
}

function splitList(text: string): string[] {
  const values: string[] = []
  let current = ''
  let quoted = false
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]
    if (ch === '"') quoted = !quoted
    else if (ch === '\\' && quoted && i + 1 < text.length) current += text[++i]
    else if (ch === ',' && !quoted) {
      values.push(current.trim())
      current = ''
    } else current += ch
  }
  if (current.trim() || values.length) values.push(current.trim())
  return values
}

/** Whether a row (as JSON) passes the filter; `type` is the column's Postgres type name. */
export function matchesFilter(filter: ChangeFilter, row: Record<string, unknown>, type: string | undefined): boolean {
  if (!(filter.column in row)) return false
  const value = row[filter.column]
  if (value === null || value === undefined) return false
  const compare = (expected: string): number => {
    if (type && NUMERIC_TYPES.has(type)) return Number(value) - Number(expected)
    const actual = typeof value === 'object' ? JSON.stringify(value) : String(value)
    return actual < expected ? -1 : actual > expected ? 1 : 0
  }
  switch (filter.op) {
    case 'eq': return compare(filter.values[0]) === 0
    case 'neq': return compare(filter.values[0]) !== 0
    case 'lt': return compare(filter.values[0]) < 0
    case 'lte': return compare(filter.values[0]) <= 0
    case 'gt': return compare(filter.values[0]) > 0
    case 'gte': return compare(filter.values[0]) >= 0
    case 'in': return filter.values.some((v) => compare(v) === 0)
  }
}
