import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { parse } from 'smol-toml'
import { DEMO_ANON_KEY, DEMO_JWT_SECRET, DEMO_SERVICE_ROLE_KEY } from './keys.ts'

export interface BucketConfig {
  public: boolean
  fileSizeLimit?: number
  allowedMimeTypes?: string[]
}

/** Everything the stack needs to know, with the Supabase CLI's default wherever config.toml is silent. */
export interface StackConfig {
  workdir: string
  projectId: string
  /** Where Postgres data and stored objects live (`.opzenix/` or a temp dir). */
  dataDir: string
  apiPort: number
  dbPort: number
  /** External Postgres to use instead of the embedded one. */
  databaseUrl?: string
  jwtSecret: string
  anonKey: string
  serviceRoleKey: string
  api: { schemas: string[]; extraSearchPath: string[]; maxRows: number }
  auth: {
    siteUrl: string
    jwtExpiry: number
    enableSignup: boolean
    /** `[auth] enable_anonymous_sign_ins`: POST /signup with no email or phone signs in an anonymous user. */
    enableAnonymousSignIns: boolean
    enableRefreshTokenRotation: boolean
    refreshTokenReuseInterval: number
    minimumPasswordLength: number
    emailEnableSignup: boolean
    emailEnableConfirmations: boolean
    /** `[auth.email] max_frequency` in seconds: how soon one address may be sent another confirmation (CLI default 1s). */
    emailMaxFrequency: number
  }
  storage: { fileSizeLimit: number; buckets: Record<string, BucketConfig> }
  functions: Record<string, { verifyJwt: boolean }>
  seed: { enabled: boolean; sqlPaths: string[] }
}

export interface ConfigOverrides {
  workdir?: string
  dataDir?: string
  apiPort?: number
  dbPort?: number
  databaseUrl?: string
}

type Toml = Record<string, any>

/** Parses durations the way the Supabase CLI writes them (Go's: "1s", "60s", "1m30s", "500ms"), in seconds. */
export function parseDuration(value: unknown, fallbackSeconds: number): number {
  if (value === undefined || value === null || value === '') return fallbackSeconds
  if (typeof value === 'number') return value
  const text = String(value).trim()
  const units: Record<string, number> = { ms: 0.001, s: 1, m: 60, h: 3600 }
  let total = 0
  let rest = text
  for (const match of text.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h)/g)) {
    total += Number(match[1]) * units[match[2]]
    rest = rest.replace(match[0], '')
  }
  if (rest !== '' || text === '') throw new Error(`config.toml: cannot read duration "${value}"`)
  return total
}

/** Parses sizes the way the Supabase CLI writes them: "50MiB", "5MB", "1024". */
export function parseSize(value: unknown, fallback: number): number {
  if (value === undefined || value === null || value === '') return fallback
  if (typeof value === 'number') return value
  const match = /^\s*(\d+(?:\.\d+)?)\s*([KMG]i?B|B)?\s*$/i.exec(String(value))
  if (!match) throw new Error(`config.toml: cannot read size "${value}"`)
  const units: Record<string, number> = {
    B: 1, KB: 1e3, MB: 1e6, GB: 1e9, KIB: 1024, MIB: 1024 ** 2, GIB: 1024 ** 3,
  }
  return Math.round(Number(match[1]) * units[(match[2] ?? 'B').toUpperCase()])
}

function envPort(name: string): number | undefined {
  const raw = process.env[name]
  return raw ? Number(raw) : undefined
}

export function loadConfig(overrides: ConfigOverrides = {}): StackConfig {
  const workdir = path.resolve(overrides.workdir ?? process.env.OPZENIX_WORKDIR ?? 'supabase')
  const file = path.join(workdir, 'config.toml')
  const toml: Toml = existsSync(file) ? parse(readFileSync(file, 'utf8')) : {}
  const api = toml.api ?? {}
  const db = toml.db ?? {}
  const auth = toml.auth ?? {}
  const email = auth.email ?? {}
  const storage = toml.storage ?? {}
  const fileSizeLimit = parseSize(storage.file_size_limit, 50 * 1024 ** 2)

  const buckets: Record<string, BucketConfig> = {}
  for (const [name, b] of Object.entries<Toml>(storage.buckets ?? {})) {
    buckets[name] = {
      public: Boolean(b.public),
      fileSizeLimit: b.file_size_limit === undefined ? undefined : parseSize(b.file_size_limit, fileSizeLimit),
      allowedMimeTypes: b.allowed_mime_types,
    }
  }
  const functions: StackConfig['functions'] = {}
  for (const [name, f] of Object.entries<Toml>(toml.functions ?? {})) {
    functions[name] = { verifyJwt: f.verify_jwt ?? true }
  }
  const seed = db.seed ?? {}
  const sqlPaths: string[] = seed.sql_paths ?? ['./seed.sql']

  const projectId: string = toml.project_id ?? path.basename(path.dirname(workdir))
  return {
    workdir,
    projectId,
    // One data folder per project, like the CLI's per-project Docker volumes.
    dataDir: path.resolve(overrides.dataDir ?? process.env.OPZENIX_DATA_DIR ?? path.join('.opzenix', projectId)),
    apiPort: overrides.apiPort ?? envPort('OPZENIX_API_PORT') ?? api.port ?? 54321,
    dbPort: overrides.dbPort ?? envPort('OPZENIX_DB_PORT') ?? db.port ?? 54322,
    databaseUrl: overrides.databaseUrl ?? process.env.DATABASE_URL,
    jwtSecret: process.env.JWT_SECRET ?? DEMO_JWT_SECRET,
    anonKey: process.env.ANON_KEY ?? DEMO_ANON_KEY,
    serviceRoleKey: process.env.SERVICE_ROLE_KEY ?? DEMO_SERVICE_ROLE_KEY,
    api: {
      schemas: api.schemas ?? ['public', 'graphql_public'],
      extraSearchPath: api.extra_search_path ?? ['public', 'extensions'],
      maxRows: api.max_rows ?? 1000,
    },
    auth: {
      siteUrl: auth.site_url ?? 'http://127.0.0.1:3000',
      jwtExpiry: auth.jwt_expiry ?? 3600,
      enableSignup: auth.enable_signup ?? true,
      enableAnonymousSignIns: auth.enable_anonymous_sign_ins ?? false,
      enableRefreshTokenRotation: auth.enable_refresh_token_rotation ?? true,
      refreshTokenReuseInterval: auth.refresh_token_reuse_interval ?? 10,
      minimumPasswordLength: auth.minimum_password_length ?? 6,
      emailEnableSignup: email.enable_signup ?? true,
      emailEnableConfirmations: email.enable_confirmations ?? false,
      emailMaxFrequency: parseDuration(email.max_frequency, 1),
    },
    storage: { fileSizeLimit, buckets },
    functions,
    seed: {
      enabled: seed.enabled ?? true,
      sqlPaths: sqlPaths.map((p) => path.resolve(workdir, p)),
    },
  }
}
