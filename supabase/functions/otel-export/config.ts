// The export settings of an `otel` connection (connections.config), validated before every batch:
//   { endpoint, export: true, protocol?: 'http/protobuf' | 'http/json', headers?: {name: value},
//     secret_header?: name, compression?: 'gzip' | 'none', timeout_ms? }
// secret_ref names a function secret. Its value is sent as the header `secret_header` when that is set;
// otherwise a value shaped like a header line (`x-honeycomb-team: abc…`) is sent as that header, and any
// other value as `authorization`.
import { z } from 'zod'

const HEADER_NAME = /^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/

export const ExportConfig = z.object({
  endpoint: z.url({ protocol: /^https?$/, error: 'endpoint must be an http(s) URL' }),
  export: z.literal(true),
  protocol: z.enum(['http/protobuf', 'http/json']).default('http/protobuf'),
  headers: z.record(z.string().regex(HEADER_NAME), z.string()).default({}),
  secret_header: z.string().regex(HEADER_NAME).optional(),
  compression: z.enum(['gzip', 'none']).default('none'),
  timeout_ms: z.number().int().min(100).max(30_000).default(10_000),
})
export type ExportConfig = z.infer<typeof ExportConfig>

export class ConfigError extends Error {}

/** The connection's config, or a ConfigError naming what is wrong. */
export function parseConfig(config: unknown): ExportConfig {
  const parsed = ExportConfig.safeParse(config)
  if (!parsed.success) {
    throw new ConfigError(`connection config: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'config'}: ${i.message}`).join('; ')}`)
  }
  return parsed.data
}

/** `<endpoint>/v1/traces`, unless the endpoint already names the traces path (as OTEL_EXPORTER_OTLP_ENDPOINT works). */
export function tracesUrl(endpoint: string): URL {
  const url = new URL(endpoint)
  if (!url.pathname.endsWith('/v1/traces')) url.pathname = `${url.pathname.replace(/\/+$/, '')}/v1/traces`
  return url
}

const HEADER_LINE = /^([A-Za-z0-9!#$%&'*+.^_`|~-]+):\s*(.+)$/

/** Plain headers plus the secret's header; a secret that is named but not set is a ConfigError. */
export function exportHeaders(config: ExportConfig, secretRef: string | null, readSecret: (name: string) => string | undefined): Record<string, string> {
  const headers: Record<string, string> = { ...config.headers }
  if (!secretRef) return headers
  const secret = readSecret(secretRef)?.trim()
  if (!secret) throw new ConfigError(`the function secret ${secretRef} (secret_ref) is not set`)
  const line = config.secret_header ? null : HEADER_LINE.exec(secret)
  if (config.secret_header) headers[config.secret_header] = secret
  else if (line) headers[line[1].toLowerCase()] = line[2]
  else headers.authorization = secret
  return headers
}
