import { z } from 'zod'

type Issue = Parameters<z.core.$ZodErrorMap>[0]

const count = (n: number | bigint, one: string, many = `${one}s`) => `${n} ${Number(n) === 1 ? one : many}`
const list = (values: readonly unknown[]) => values.map((v) => (typeof v === 'string' ? `"${v}"` : String(v))).join(', ')

const formats: Record<string, string> = {
  email: 'Enter an email address, like ada@example.com.',
  url: 'Enter a full address, starting with https://.',
  uuid: 'Enter a valid identifier.',
  datetime: 'Enter a date and time.',
  date: 'Enter a date.',
  time: 'Enter a time.',
  regex: 'This is not in the expected format.',
}

const sized: Record<string, { unit: string; many?: string; verb: string }> = {
  string: { unit: 'character', verb: 'Enter' },
  array: { unit: 'item', verb: 'Choose' },
  set: { unit: 'item', verb: 'Choose' },
  file: { unit: 'byte', verb: 'Choose a file of' },
}

function tooSmall(issue: Extract<Issue, { code: 'too_small' }>): string {
  const size = sized[issue.origin]
  if (size) {
    if (issue.origin === 'string' && Number(issue.minimum) === 1) return 'This field is required.'
    if (issue.origin !== 'string' && Number(issue.minimum) === 1) return 'Choose at least one.'
    return `${size.verb} ${issue.exact ? 'exactly' : 'at least'} ${count(issue.minimum, size.unit, size.many)}.`
  }
  if (issue.origin === 'date') return `Choose a date ${issue.inclusive === false ? 'after' : 'on or after'} ${String(issue.minimum)}.`
  return `Enter a number ${issue.inclusive === false ? 'greater than' : 'of at least'} ${issue.minimum}.`
}

function tooBig(issue: Extract<Issue, { code: 'too_big' }>): string {
  const size = sized[issue.origin]
  if (size) return `${size.verb} ${issue.exact ? 'exactly' : 'at most'} ${count(issue.maximum, size.unit, size.many)}.`
  if (issue.origin === 'date') return `Choose a date ${issue.inclusive === false ? 'before' : 'on or before'} ${String(issue.maximum)}.`
  return `Enter a number ${issue.inclusive === false ? 'less than' : 'no greater than'} ${issue.maximum}.`
}

/**
 * A zod issue as a sentence a person can act on, for every schema that does not say its own words (those win:
 * zod asks this map only when the schema gave no message). Undefined leaves zod's own text.
 */
export function zodIssueSentence(issue: Issue): string | undefined {
  switch (issue.code) {
    case 'too_small': return tooSmall(issue)
    case 'too_big': return tooBig(issue)
    case 'invalid_type':
      if (issue.input === undefined || issue.input === null || issue.input === '') return 'This field is required.'
      if (issue.expected === 'number' || issue.expected === 'int') return 'Enter a number.'
      return `Enter a ${issue.expected} here.`
    case 'invalid_format':
      if (issue.format === 'starts_with' && 'prefix' in issue) return `Start it with "${String(issue.prefix)}".`
      if (issue.format === 'ends_with' && 'suffix' in issue) return `End it with "${String(issue.suffix)}".`
      if (issue.format === 'includes' && 'includes' in issue) return `Include "${String(issue.includes)}".`
      return formats[issue.format] ?? `Enter a valid ${issue.format}.`
    case 'not_multiple_of': return `Enter a multiple of ${issue.divisor}.`
    case 'invalid_value':
      return issue.values.length === 1 ? `The only value allowed here is ${list(issue.values)}.` : `Choose one of ${list(issue.values)}.`
    case 'unrecognized_keys': return `Remove ${issue.keys.length === 1 ? 'the unknown field' : 'the unknown fields'} ${list(issue.keys)}.`
    case 'invalid_union': return 'This value is not one of the accepted forms.'
    case 'invalid_key': return 'One of the keys here is not valid.'
    case 'invalid_element': return 'One of the values here is not valid.'
    default: return undefined
  }
}

/** Makes every zod schema speak in sentences (called once: by the SPA at start, by every function through http.ts). */
export function installZodSentences(): void {
  z.config({ customError: (issue) => zodIssueSentence(issue) })
}
