// Redaction before anything leaves for a model: every token the environments' secret detection calls a secret
// (token shapes, high-entropy strings, URLs with passwords), the value of any `NAME=value` / `NAME: value` whose
// name says it holds a secret, and any known secret value (the function's own keys) are replaced.
import { secretLookalike, variableRefusal } from '../environments/secrets.ts'

const ASSIGNMENT = /([A-Za-z_][A-Za-z0-9_.-]*)(\s*[=:]\s*)("[^"]*"|'[^']*'|[^\s,;]+)/g
const TOKEN = /[^\s"'`,;()<>[\]{}]+/g

export const REDACTED = '[redacted]'

/** The text with secrets replaced by `[redacted]`; `known` are exact values to remove too (ignored under 8 chars). */
export function redact(text: string, known: readonly string[] = []): string {
  let out = text
  for (const value of known) if (value.length >= 8) out = out.split(value).join(REDACTED)
  out = out.replace(ASSIGNMENT, (whole, name: string, sep: string, value: string) => {
    const refusal = variableRefusal(name, 'x')
    return refusal && refusal.includes('its name says it holds one') ? `${name}${sep}${REDACTED}` : whole
  })
  out = out.replace(TOKEN, (token) => {
    if (token === REDACTED) return token
    if (secretLookalike(token)) return REDACTED
    // `Bearer abc…` arrives as one token after `=`: look at what follows a separator too.
    const tail = token.split(/[=:]/).at(-1)!
    return tail !== token && tail.length > 0 && secretLookalike(tail) && !/^[a-z]+:\/\//i.test(token) ? token.slice(0, token.length - tail.length) + REDACTED : token
  })
  return out
}

/** Redacts every string inside a JSON value (keys kept). */
export function redactDeep<T>(value: T, known: readonly string[] = []): T {
  if (typeof value === 'string') return redact(value, known) as T
  if (Array.isArray(value)) return value.map((v) => redactDeep(v, known)) as T
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redactDeep(v, known)])) as T
  }
  return value
}
