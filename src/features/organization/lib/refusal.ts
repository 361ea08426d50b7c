/** What PostgREST hands back when a write is refused. */
export interface Refusal {
  code?: string | null
  message?: string | null
}

export interface RefusalWords {
  /** What was attempted, after "Only organization admins can …" (e.g. "change roles"). */
  action: string
  /** The sentence for a unique violation (a name already used). */
  duplicate?: string
  /** The sentence when RLS let the write through but it touched no row. */
  noRows?: string
}

/** A database sentence ("the owner … first") as a sentence on screen ("The owner … first."). */
export function asSentence(message: string): string {
  const text = message.trim()
  if (!text) return text
  const capital = text[0]!.toUpperCase() + text.slice(1)
  return /[.!?]$/.test(capital) ? capital : `${capital}.`
}

/**
 * The organization tables' and functions' refusals as one sentence. The functions raise PTxxx errors whose
 * message is already written for people, so those are shown as they are; RLS, unique and foreign-key
 * refusals get a sentence of their own; anything else keeps the database's words.
 */
export function refusalMessage(error: Refusal, words: RefusalWords): string {
  const code = error.code ?? ''
  const message = error.message ?? ''
  if (/^PT\d{3}$/.test(code) && message) return asSentence(message)
  if (code === 'no_rows' || code === 'PGRST116') return words.noRows ?? `Nothing changed: only organization admins can ${words.action}.`
  if (code === '42501' || /row-level security/i.test(message)) return `Only organization admins can ${words.action}.`
  if (code === '23505') return words.duplicate ?? 'That name is already taken in this organization; pick another.'
  if (code === '23503') return 'That person is no longer a member of this organization.'
  if (code === '23514') return asSentence(`The database refused the value: ${message}`)
  return message ? `Could not ${words.action}: ${message}` : `Could not ${words.action}.`
}

/** Throws the refusal as an Error carrying the sentence (for mutations whose errors are shown as is). */
export function refuse(error: Refusal, words: RefusalWords): never {
  throw new Error(refusalMessage(error, words))
}
