// Probes an OTLP/HTTP endpoint the way an exporter would: an empty ExportTraceServiceRequest in JSON.

export interface ProbeResult {
  ok: boolean
  /** The connection's health after the probe. */
  status: 'healthy' | 'degraded' | 'down'
  http_status: number | null
  response_time_ms: number
  message: string
}

export interface OtelConnectionConfig {
  endpoint?: unknown
  headers?: unknown
  timeout_ms?: unknown
}

/** `<endpoint>/v1/traces`, unless the endpoint already names the traces path. */
export function tracesUrl(endpoint: string): URL {
  const url = new URL(endpoint)
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new TypeError('the endpoint must be an http(s) URL')
  if (!url.pathname.endsWith('/v1/traces')) url.pathname = `${url.pathname.replace(/\/+$/, '')}/v1/traces`
  return url
}

export async function probe(url: URL, headers: Record<string, string>, timeoutMs: number): Promise<ProbeResult> {
  const started = performance.now()
  const elapsed = () => Math.round(performance.now() - started)
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json' },
      body: JSON.stringify({ resourceSpans: [] }),
      signal: AbortSignal.timeout(timeoutMs),
    })
    const text = (await response.text()).slice(0, 200)
    const ms = elapsed()
    if (response.ok) return { ok: true, status: 'healthy', http_status: response.status, response_time_ms: ms, message: `${url.origin} accepted an OTLP export (${response.status})` }
    const status = response.status >= 500 ? 'down' : 'degraded'
    return { ok: false, status, http_status: response.status, response_time_ms: ms, message: `${url.origin} answered ${response.status}${text ? `: ${text}` : ''}` }
  } catch (error) {
    const ms = elapsed()
    const name = (error as Error).name
    const message = name === 'TimeoutError'
      ? `${url.origin} did not answer within ${timeoutMs} ms`
      : `${url.origin} could not be reached: ${(error as Error).message}`
    return { ok: false, status: 'down', http_status: null, response_time_ms: ms, message }
  }
}

/** Plain headers from config.headers (string values only) plus the secret header, when one is configured. */
export function headersFrom(config: OtelConnectionConfig, secret: string | undefined, secretHeader: string): Record<string, string> {
  const headers: Record<string, string> = {}
  if (config.headers && typeof config.headers === 'object') {
    for (const [name, value] of Object.entries(config.headers)) if (typeof value === 'string') headers[name] = value
  }
  if (secret) headers[secretHeader] = secret
  return headers
}
