// A test OTLP/HTTP traces receiver on 127.0.0.1: keeps every request's raw body (gunzipped), decodes it with
// the repo's OTLP decoder (JSON or protobuf, by content type) and answers from a per-path script.
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { gunzipSync } from 'node:zlib'
import { decodeProtobuf, SIGNALS } from '../../supabase/functions/_shared/otlp/signals.ts'

export interface ReceivedExport {
  path: string
  headers: http.IncomingHttpHeaders
  bytes: Buffer
  /** The ExportTraceServiceRequest in the OTLP JSON shape. */
  request: { resourceSpans: Array<{ resource: { attributes: any[] }; scopeSpans: Array<{ scope: any; spans: any[] }> }> }
}

export interface Answer { status: number; contentType?: string; body?: string | Uint8Array; /** Answer this late (a hanging collector). */ delayMs?: number }

export interface Receiver {
  url: string
  received: ReceivedExport[]
  /** Answers for requests whose path starts with `prefix`, in turn (the last one repeats). */
  script(prefix: string, ...answers: Answer[]): void
  /** Every span received under `prefix`, with its resource attributes. */
  spans(prefix: string): Array<{ span: any; resource: any[] }>
  stop(): Promise<void>
}

export async function startReceiver(): Promise<Receiver> {
  const received: ReceivedExport[] = []
  const scripts = new Map<string, { answers: Answer[]; served: number }>()
  const server = http.createServer(async (req, res) => {
    const chunks: Buffer[] = []
    for await (const chunk of req) chunks.push(chunk as Buffer)
    let bytes = Buffer.concat(chunks)
    if (req.headers['content-encoding'] === 'gzip') bytes = gunzipSync(bytes)
    const json = String(req.headers['content-type']).includes('json')
    const request = json ? JSON.parse(bytes.toString('utf8')) : decodeProtobuf(SIGNALS[0], new Uint8Array(bytes))
    received.push({ path: req.url ?? '/', headers: req.headers, bytes, request })
    const entry = [...scripts.entries()].find(([prefix]) => req.url?.startsWith(prefix))?.[1]
    const answer = entry ? entry.answers[Math.min(entry.served++, entry.answers.length - 1)] : { status: 200 }
    if (answer.delayMs) await new Promise((resolve) => setTimeout(resolve, answer.delayMs))
    if (res.destroyed) return
    res.writeHead(answer.status, { 'content-type': answer.contentType ?? (json ? 'application/json' : 'application/x-protobuf') })
    res.end(answer.body ?? (json ? '{}' : ''))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    received,
    script: (prefix, ...answers) => { scripts.set(prefix, { answers, served: 0 }) },
    spans: (prefix) => received.filter((r) => r.path.startsWith(prefix)).flatMap((r) =>
      r.request.resourceSpans.flatMap((rs) => rs.scopeSpans.flatMap((ss) => ss.spans.map((span) => ({ span, resource: rs.resource.attributes }))))),
    stop: () => new Promise<void>((resolve) => {
      server.closeAllConnections()
      server.close(() => resolve())
    }),
  }
}
