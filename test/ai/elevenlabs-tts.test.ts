// elevenlabs-tts with a key: the recording server plays ElevenLabs' text-to-speech API. An analysis and an
// approval request are read aloud as audio/mpeg, cached by text hash in storage (the second ask does not reach
// ElevenLabs); its errors are clear 502s; only members who can read the row may ask.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO, sql } from '../data-model/demo.ts'
import { expectError, invoke, roleClients, type Clients } from '../functions/helpers.ts'
import { createPipeline, failingPipeline, runToEnd } from '../functions/runs.ts'
import { startProjectWithEnv, type ProjectStack } from '../github/project.ts'
import { startRecordingServer, type RecordingServer } from '../helpers/recording-server.ts'
import { openRequest } from '../notifications/helpers.ts'

const KEY = 'el-test-key-0123456789'
const MP3 = 'ID3\u0003fake-mp3-frames'
let stack: ProjectStack
let server: RecordingServer
let as: Clients
let analysisId: string
let summary: string

async function speak(role: keyof Clients, body: unknown): Promise<Response> {
  const { data } = await as[role].auth.getSession()
  return fetch(`${stack.functionsUrl}/elevenlabs-tts`, {
    method: 'POST', body: JSON.stringify(body),
    headers: { 'content-type': 'application/json', apikey: stack.anonKey, authorization: `Bearer ${data.session?.access_token ?? stack.anonKey}` },
  })
}

beforeAll(async () => {
  process.env.OPZENIX_TICK_MS = '200'
  server = await startRecordingServer([{ method: 'POST', path: /^\/v1\/text-to-speech\//, reply: { status: 200, headers: { 'content-type': 'audio/mpeg' }, body: MP3 } }])
  stack = await startProjectWithEnv({ ELEVENLABS_API_URL: server.url, ELEVENLABS_API_KEY: KEY, ELEVENLABS_TIMEOUT_MS: '3000' })
  as = await roleClients(stack)
  const run = await runToEnd(stack, as.operator, await createPipeline(stack, 'tts', failingPipeline(false)))
  const analysis = await invoke(as.operator, 'ai-insights', { execution_id: run.id })
  analysisId = analysis.body.analysis_id
  summary = analysis.body.summary
}, 180_000)
afterAll(async () => {
  await stack?.stop()
  await server?.stop()
})

describe('elevenlabs-tts', () => {
  it('reads an analysis aloud through ElevenLabs, then from the cache', async () => {
    server.reset()
    const first = await speak('viewer', { analysis_id: analysisId })
    expect(first.status).toBe(200)
    expect(first.headers.get('content-type')).toBe('audio/mpeg')
    expect(first.headers.get('x-opzenix-tts-cache')).toBe('miss')
    expect(await first.text()).toBe(MP3)
    const [request] = server.received(/^\/v1\/text-to-speech\//, 'POST')
    expect(request.headers['xi-api-key']).toBe(KEY)
    expect(request.url.pathname).toBe('/v1/text-to-speech/21m00Tcm4TlvDq8ikWAM')
    expect(JSON.parse(request.body)).toEqual({ text: summary, model_id: 'eleven_multilingual_v2' })

    const again = await speak('operator', { analysis_id: analysisId })
    expect(again.headers.get('x-opzenix-tts-cache')).toBe('hit')
    expect(await again.text()).toBe(MP3)
    expect(server.received(/^\/v1\/text-to-speech\//)).toHaveLength(1)
  })

  it('reads an approval request: what it is for and how many approvals it still needs', async () => {
    server.reset()
    const { requestId } = await openRequest(stack, 'prod')
    const res = await speak('admin', { approval_request_id: requestId })
    expect(res.status).toBe(200)
    // The approval policy decides how many prod needs; the sentence says what the row says.
    const [{ required_approvals: n }] = await sql(stack, 'select required_approvals from public.approval_requests where id = $1', [requestId])
    expect(n).toBeGreaterThan(1)
    expect(JSON.parse(server.requests[0].body).text).toBe(`Approval requested for prod: Release 2.0.0 to prod. It needs ${n} more approvals.`)
  })

  it('answers ElevenLabs\' refusal as a 502 that says so, and caches nothing', async () => {
    server.route({ method: 'POST', path: /^\/v1\/text-to-speech\//, reply: { status: 401, json: { detail: { status: 'invalid_api_key', message: 'Invalid API key' } } } })
    const { requestId } = await openRequest(stack, 'staging')
    const res = await speak('viewer', { approval_request_id: requestId })
    expectError({ status: res.status, body: await res.json() }, 502, 'tts_error')
    server.reset()
    expect((await speak('viewer', { approval_request_id: requestId })).headers.get('x-opzenix-tts-cache')).toBe('miss')
  })

  it('gives up on an ElevenLabs that does not answer: 504 tts_timeout, nothing cached', async () => {
    server.route({ method: 'POST', path: /^\/v1\/text-to-speech\//, reply: { status: 200, delayMs: 60_000, body: MP3 } })
    const { requestId } = await openRequest(stack, 'uat')
    const res = await speak('viewer', { approval_request_id: requestId })
    expectError({ status: res.status, body: await res.json() }, 504, 'tts_timeout')
    server.reset()
    expect((await speak('viewer', { approval_request_id: requestId })).headers.get('x-opzenix-tts-cache')).toBe('miss')
  })

  it('refuses anonymous callers, other organizations and bad input without calling ElevenLabs', async () => {
    server.reset()
    const anon = await speak('anon', { analysis_id: analysisId })
    expectError({ status: anon.status, body: await anon.json() }, 401, 'unauthorized')
    const other = await speak('globex', { analysis_id: analysisId })
    expectError({ status: other.status, body: await other.json() }, 404, 'not_found')
    const both = await speak('viewer', { analysis_id: analysisId, approval_request_id: DEMO.runningExecution })
    expectError({ status: both.status, body: await both.json() }, 400, 'invalid_input')
    expect(server.requests).toEqual([])
  })
})
