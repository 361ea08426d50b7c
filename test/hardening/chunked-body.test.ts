// Streamed (Transfer-Encoding: chunked, no Content-Length) bodies sent to /rest/v1 are held to the same size limit
// as declared ones: the gateway cuts the body off at the limit, answers 413 in PostgREST's shape while the client
// is still sending, and PostgREST writes nothing. A streamed body under the limit is written as usual.
import http from 'node:http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestStack, type TestStack } from '../helpers/stack.ts'

const LIMIT = 64 * 1024
process.env.OPZENIX_MAX_BODY_BYTES = String(LIMIT)

let stack: TestStack
beforeAll(async () => { stack = await startTestStack() }, 120_000)
afterAll(() => stack?.stop())

const agent = new http.Agent({ keepAlive: true, maxSockets: 1 })
afterAll(() => agent.destroy())

interface Answer { status: number; body: any }

/** POSTs rows to open_counters as a chunked body; `beforeEnd` runs after the chunks, before the body ends. */
function postChunked(chunks: string[], beforeEnd: (answer: Promise<Answer>) => Promise<void> = async () => {}): Promise<Answer> {
  const req = http.request(`${stack.apiUrl}/rest/v1/open_counters`, {
    method: 'POST', agent,
    headers: { apikey: stack.serviceRoleKey, authorization: `Bearer ${stack.serviceRoleKey}`, 'content-type': 'application/json', prefer: 'return=minimal' },
  })
  const answer = new Promise<Answer>((resolve, reject) => {
    req.on('response', (res) => {
      let text = ''
      res.on('data', (d) => { text += d })
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text ? JSON.parse(text) : null }))
    })
    req.on('error', reject)
  })
  req.flushHeaders()
  for (const chunk of chunks) req.write(chunk)
  return beforeEnd(answer).then(() => { req.end(); return answer })
}

/** A JSON array of `n` rows labelled `label`, split into chunks of about 8 KiB. */
function rows(label: string, n: number): string[] {
  const text = JSON.stringify(Array.from({ length: n }, (_, i) => ({ label, value: i })))
  const chunks: string[] = []
  for (let at = 0; at < text.length; at += 8192) chunks.push(text.slice(at, at + 8192))
  return chunks
}

const count = async (label: string) => {
  const { count: n, error } = await stack.service().from('open_counters').select('*', { count: 'exact', head: true }).eq('label', label)
  if (error) throw error
  return n
}

describe('streamed bodies to /rest/v1', () => {
  it('writes a chunked body under the limit', async () => {
    const chunks = rows('chunked-under', 500)
    expect(chunks.join('').length).toBeLessThan(LIMIT)
    expect(chunks.length).toBeGreaterThan(1)
    expect((await postChunked(chunks)).status).toBe(201)
    expect(await count('chunked-under')).toBe(500)
  })

  it('cuts a chunked body off at the limit: 413 in PostgREST\'s shape before the body ends, nothing written', async () => {
    const chunks = rows('chunked-over', 4000)
    expect(chunks.join('').length).toBeGreaterThan(2 * LIMIT)
    // The answer must come while the body is still open: a gateway that waited for the end would never answer.
    const answer = await postChunked(chunks, async (pending) => { await pending })
    expect(answer.status).toBe(413)
    expect(answer.body).toEqual({
      code: 'payload_too_large', details: null, hint: null, message: `The request body is larger than this API accepts (${LIMIT} bytes)`,
    })
    expect(await count('chunked-over')).toBe(0)
  })

  it('leaves the connection usable after the refusal', async () => {
    expect((await postChunked(rows('chunked-after', 3))).status).toBe(201)
    expect(await count('chunked-after')).toBe(3)
  })
})
