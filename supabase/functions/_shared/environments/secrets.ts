// What counts as a secret in an environment's configuration. The database refuses the same things with the same
// sentences (private.variable_refusal, private.secret_reference_refusal, private.config_refusal in migration
// 20261204001010): this copy lets the editor say so while typing and the function name every offender at once.
// Keep the two in step; test/data-model/environment-admin.test.ts compares them on a table of cases.

export type VariableValue = string | number | boolean
export type Variables = Record<string, VariableValue>

export const SECRET_PROVIDERS = ['supabase_vault', 'edge_function_secret', 'azure_key_vault', 'aws_secrets_manager', 'github_actions'] as const
export type SecretProvider = (typeof SECRET_PROVIDERS)[number]

/** A reference to a secret: its name in the environment, the provider that keeps it and where (never the value). */
export interface SecretRef { name: string; provider: SecretProvider; key: string }

export const NAME_PATTERN = /^[A-Za-z_][A-Za-z0-9_.-]{0,127}$/
const ADVICE = 'Use a secret reference instead: keep the value in a secret provider and reference it by provider and key.'

/** Token shapes, in the order they are tried, with what the value is said to look like. */
const LOOKALIKES: Array<[RegExp, string]> = [
  [/-----BEGIN ([A-Z0-9]+ )*PRIVATE KEY-----/, 'a PEM private key'],
  [/eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\./, 'a JWT'],
  [/(gh[pousr]_[A-Za-z0-9]{20,}|github_pat_[A-Za-z0-9_]{20,})/, 'a GitHub token'],
  [/(AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}/, 'an AWS access key'],
  [/xox[abposr]-[A-Za-z0-9-]{10,}/, 'a Slack token'],
  [/(^|[^A-Za-z0-9])(sk-[A-Za-z0-9_-]{20,}|(sk|rk)_(live|test)_[A-Za-z0-9]{10,})/, 'an API secret key'],
  [/AIza[0-9A-Za-z_-]{35}/, 'a Google API key'],
  [/[A-Za-z][A-Za-z0-9+.-]*:\/\/[^/ :@]+:[^/ @]+@/, 'a URL with a password in it'],
]
const SECRET_NAME_SUFFIX = /(^|[_.-])(KEY|TOKEN|PASSWD|PASSPHRASE|CREDENTIAL|CREDENTIALS)$/
const SECRET_NAME_WORD = /(PASSWORD|SECRET)/
const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/

/** Shannon entropy of a string, in bits per character. */
export function shannonEntropy(value: string): number {
  if (value.length === 0) return 0
  const counts = new Map<string, number>()
  for (const ch of value) counts.set(ch, (counts.get(ch) ?? 0) + 1)
  let bits = 0
  for (const n of counts.values()) {
    const p = n / value.length
    bits -= p * Math.log2(p)
  }
  return bits
}

/**
 * A random-looking token: at least 20 characters of the token alphabet, letters and digits mixed, not a UUID,
 * and entropy of at least min(4.3, 0.88 × log2(length)) bits per character (random base62 strings reach it; words,
 * host names, version tags and hex digests stay below).
 */
export function isHighEntropyToken(value: string): boolean {
  return value.length >= 20 && /^[A-Za-z0-9+/=_-]+$/.test(value) && /[A-Za-z]/.test(value) && /[0-9]/.test(value)
    && !UUID.test(value) && shannonEntropy(value) >= Math.min(4.3, 0.88 * Math.log2(value.length))
}

/** What the string looks like when it looks like a secret ('a GitHub token', …), or null. */
export function secretLookalike(value: string, entropy = true): string | null {
  for (const [pattern, what] of LOOKALIKES) if (pattern.test(value)) return what
  if (entropy && isHighEntropyToken(value)) return 'a random token (high entropy)'
  return null
}

/** Why this variable may not be stored as plain configuration (the database's sentence), or null. */
export function variableRefusal(name: string, value: unknown): string | null {
  if (!NAME_PATTERN.test(name)) {
    return `Variable name ${name || '(empty)'} is not valid: start with a letter or _, then letters, digits, _, . or - (at most 128)`
  }
  if (typeof value !== 'string' && typeof value !== 'boolean' && !(typeof value === 'number' && Number.isFinite(value))) {
    return `Variable ${name} must be a string, a number or true/false`
  }
  if (typeof value === 'string' && [...value].length > 4000) return `Variable ${name} is longer than 4000 characters`
  const upper = name.toUpperCase()
  if (SECRET_NAME_SUFFIX.test(upper) || SECRET_NAME_WORD.test(upper)) {
    return `Variable ${name} looks like a secret (its name says it holds one). ${ADVICE}`
  }
  if (typeof value === 'string') {
    const looks = secretLookalike(value)
    if (looks) return `Variable ${name} looks like a secret (the value looks like ${looks}). ${ADVICE}`
  }
  return null
}

/** Why this secret reference is not acceptable, or null. */
export function secretReferenceRefusal(name: string, provider: string, key: string): string | null {
  if (!NAME_PATTERN.test(name)) {
    return `Secret reference name ${name || '(empty)'} is not valid: start with a letter or _, then letters, digits, _, . or - (at most 128)`
  }
  if (!(SECRET_PROVIDERS as readonly string[]).includes(provider)) {
    return `Secret reference ${name}: provider must be one of ${SECRET_PROVIDERS.join(', ')}`
  }
  if (key.trim().length === 0 || [...key].length > 500) {
    return `Secret reference ${name}: give the key the provider keeps it under (1 to 500 characters)`
  }
  const looks = secretLookalike(key, false)
  if (looks) {
    return `Secret reference ${name}: the key looks like ${looks}, not the name or path of a secret. Give where the provider keeps the value, never the value itself.`
  }
  return null
}

export interface ConfigProblem { path: string; message: string }

/** Every problem with a configuration (not only the first, as the database reports), in name order. */
export function configProblems(variables: Record<string, unknown>, secrets: SecretRef[]): ConfigProblem[] {
  const problems: ConfigProblem[] = []
  for (const name of Object.keys(variables).sort()) {
    const refusal = variableRefusal(name, variables[name])
    if (refusal) problems.push({ path: `variables.${name}`, message: refusal })
  }
  const seen = new Set<string>()
  secrets.forEach((ref, i) => {
    const refusal = secretReferenceRefusal(ref.name, ref.provider, ref.key)
    if (refusal) problems.push({ path: `secrets.${i}`, message: refusal })
    else if (seen.has(ref.name)) problems.push({ path: `secrets.${i}`, message: 'each secret reference name appears once' })
    else if (Object.hasOwn(variables, ref.name)) problems.push({ path: `secrets.${i}`, message: 'a name is either a variable or a secret reference, not both' })
    seen.add(ref.name)
  })
  return problems
}
