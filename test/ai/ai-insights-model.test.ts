// ai-insights with a model: the recording server plays an OpenAI-compatible endpoint. The answer streams back as
// server-sent events with the real context sent (logs, history, findings) and no secret in it; the analysis is
// stored with its prompt, model and token counts; the model's error answers and a slow model are clear errors.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO, sql } from '../data-model/demo.ts'
import { expectError, roleClients, waitFor, type Clients } from '../functions/helpers.ts'
import { createPipeline, failingPipeline, runToEnd } from '../functions/runs.ts'
import { startProjectWithEnv, type ProjectStack } from '../github/project.ts'
import { startRecordingServer, type RecordingServer } from '../helpers/recording-server.ts'
import { ANSWER, MODEL_KEY, modelRoute, readEvents, streamedCompletion } from './model-server.ts'

let stack: ProjectStack
let server: RecordingServer
let as: Clients
let run: string
const TOKEN = 'ghp_0123456789abcdefghijABCDEFGHIJklmnopqr'

async function ask(role: keyof Clients, body: unknown): Promise<Response> {
  const { data } = await as[role].auth.getSession()
  return fetch(`${stack.functionsUrl}/ai-insights`, {
    method: 'POST', body: JSON.stringify(body),
    headers: { 'content-type': 'application/json', apikey: stack.anonKey, authorization: `Bearer ${data.session?.access_token ?? stack.anonKey}` },
  })
}

beforeAll(async () => {
  process.env.OPZENIX_TICK_MS = '200'
  server = await startRecordingServer([modelRoute()])
  stack = await startProjectWithEnv({ AI_API_URL: `${server.url}/v1`, AI_MODEL: 'test-model', AI_API_KEY: MODEL_KEY, AI_TIMEOUT_MS: '1500' })
  as = await roleClients(stack)
  const pipeline = await createPipeline(stack, 'ai model', failingPipeline(false))
  run = (await runToEnd(stack, as.operator, pipeline)).id
  await sql(stack, `insert into public.execution_logs (execution_id, project_id, node_id, level, message)
    values ($1, $2, 'test', 'error', $3)`, [run, DEMO.project, `git push failed for https://x-access-token:${TOKEN}@github.com/acme/pay (token ${TOKEN})`])
}, 180_000)
afterAll(async () => {
  await stack?.stop()
  await server?.stop()
})

describe('ai-insights with a model', () => {
  it('streams the model\'s answer as server-sent events after the rule-based findings', async () => {
    server.reset()
    const res = await ask('viewer', { execution_id: run })
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('text/event-stream')
    const events = await readEvents(res)
    expect(events.map((e) => e.event)).toEqual(['analysis', 'delta', 'delta', 'delta', 'done'])
    expect(events[0].data).toMatchObject({ analyzer: 'model', model: 'test-model', summary: expect.stringMatching(/^Stage "test" failed/) })
    expect(events.filter((e) => e.event === 'delta').map((e) => e.data.text).join('')).toBe(ANSWER.join(''))
    expect(events[4].data.usage).toEqual({ prompt_tokens: 812, completion_tokens: 64, total_tokens: 876 })
  })

  it('sends the failing stage\'s logs, its history and the findings, with every secret redacted', async () => {
    server.reset()
    await (await ask('operator', { execution_id: run, node_id: 'test' })).text()
    const [request] = server.received('/v1/chat/completions', 'POST')
    expect(request.headers.authorization).toBe(`Bearer ${MODEL_KEY}`)
    const body = JSON.parse(request.body)
    expect(body).toMatchObject({ model: 'test-model', stream: true })
    const prompt = body.messages[1].content as string
    expect(prompt).toContain('1 test failed')
    expect(prompt).toContain('Recent history of the same stages:\n- test: no earlier runs')
    expect(prompt).toContain('Rule-based findings:\n- (critical) Stage "test" failed with')
    expect(prompt).toContain('The user asks about stage "test".')
    expect(prompt).toMatch(/Trace \(depth-first; name, duration, status\):\n- RUN [^\n]* ERROR\n  - /)
    expect(prompt).toContain('git push failed for [redacted] (token [redacted])')
    expect(request.body).not.toContain(TOKEN)
    expect(request.body).not.toContain(MODEL_KEY)
  })

  it('stores the analysis with its prompt, answer, model and token counts, readable by members', async () => {
    server.reset()
    const events = await readEvents(await ask('viewer', { execution_id: run }))
    const id = events[0].data.analysis_id
    const { data } = await as.admin.from('ai_analyses').select('*').eq('id', id).single()
    expect(data).toMatchObject({
      analyzer: 'model', model: 'test-model', status: 'complete', answer: ANSWER.join(''), requested_by: DEMO.users.viewer,
      prompt_tokens: 812, completion_tokens: 64, total_tokens: 876, error: null,
    })
    expect(data.prompt[0].role).toBe('system')
    expect(JSON.stringify(data.prompt)).not.toContain(TOKEN)
    expect((await as.globex.from('ai_analyses').select('id').eq('id', id)).data).toEqual([])
  })

  it('explain-config streams the model\'s explanation of a pipeline on the same plumbing', async () => {
    server.reset()
    const { data: pipeline } = await stack.service().from('executions').select('flow_template_id').eq('id', run).single()
    const { data } = await as.viewer.auth.getSession()
    const res = await fetch(`${stack.functionsUrl}/explain-config`, {
      method: 'POST', body: JSON.stringify({ flow_template_id: pipeline!.flow_template_id }),
      headers: { 'content-type': 'application/json', apikey: stack.anonKey, authorization: `Bearer ${data.session!.access_token}` },
    })
    const events = await readEvents(res)
    expect(events.map((e) => e.event)).toEqual(['analysis', 'delta', 'delta', 'delta', 'done'])
    expect(events[0].data.summary).toBe('Pipeline "ai model" runs source → build → test → deploy to dev.')
    const prompt = JSON.parse(server.received('/v1/chat/completions')[0].body).messages[1].content
    expect(prompt).toContain('Nodes (kind, config):\n- source: source {"repository":"acme/payments-api"}')
  })

  it('answers the model\'s own error as a 502 that quotes it, and records the failure', async () => {
    server.route(modelRoute({ status: 429, json: { error: { message: 'Rate limit reached for test-model', type: 'requests' } } }))
    const res = await ask('viewer', { execution_id: run })
    const reply = { status: res.status, body: await res.json() }
    expectError(reply, 502, 'model_error')
    expect(reply.body.error.message).toBe('The model answered 429: Rate limit reached for test-model')
    const [row] = await sql(stack, 'select status, error from public.ai_analyses where id = $1', [reply.body.error.details.analysis_id])
    expect(row).toEqual({ status: 'failed', error: 'The model answered 429: Rate limit reached for test-model' })
    server.reset()
  })

  it('gives up on a model that does not answer in time with a 504', async () => {
    server.route(modelRoute({ status: 200, delayMs: 6000, headers: { 'content-type': 'text/event-stream' }, body: 'data: [DONE]\n\n' }))
    const res = await ask('viewer', { execution_id: run })
    const reply = { status: res.status, body: await res.json() }
    expectError(reply, 504, 'model_timeout')
    expect(reply.body.error.message).toMatch(/^The model \(test-model\) sent nothing for 1.5 s/)
    server.reset()
  })

  it('a model that stalls mid-answer ends the stream with a timeout event; the partial answer is kept', async () => {
    const first = streamedCompletion(['The test stage']).split('\n\n')[1] + '\n\n'
    server.route(modelRoute({ status: 200, headers: { 'content-type': 'text/event-stream' }, chunks: [{ data: first }], hold: true }))
    const events = await readEvents(await ask('viewer', { execution_id: run }))
    expect(events.map((e) => e.event)).toEqual(['analysis', 'delta', 'error'])
    expect(events[2].data.error).toEqual({ code: 'model_timeout', message: expect.stringMatching(/^The model \(test-model\) sent nothing for 1.5 s/) })
    const [row] = await sql(stack, 'select status, answer from public.ai_analyses where id = $1', [events[0].data.analysis_id])
    expect(row).toEqual({ status: 'failed', answer: 'The test stage' })
    server.reset()
  })

  it('a reader who leaves mid-answer stops the model, and the row says so', async () => {
    const first = streamedCompletion(['Half an answer']).split('\n\n')[1] + '\n\n'
    // Empty deltas keep the model "alive" well past AI_TIMEOUT_MS, so only the reader's leaving can end it.
    const keepAlive = { data: `data: ${JSON.stringify({ choices: [{ index: 0, delta: {} }] })}\n\n`, delayMs: 300 }
    server.route(modelRoute({ status: 200, headers: { 'content-type': 'text/event-stream' }, chunks: [{ data: first }, ...Array(40).fill(keepAlive)], hold: true }))
    const controller = new AbortController()
    const { data } = await as.viewer.auth.getSession()
    const res = await fetch(`${stack.functionsUrl}/ai-insights`, {
      method: 'POST', body: JSON.stringify({ execution_id: run }), signal: controller.signal,
      headers: { 'content-type': 'application/json', apikey: stack.anonKey, authorization: `Bearer ${data.session!.access_token}` },
    })
    const reader = res.body!.getReader()
    let text = ''
    while (!text.includes('Half an answer')) text += new TextDecoder().decode((await reader.read()).value)
    const id = JSON.parse(/^data: (.*)$/m.exec(text)![1]).analysis_id
    controller.abort()
    const row = await waitFor(async () => {
      const [r] = await sql(stack, 'select status, answer, error from public.ai_analyses where id = $1', [id])
      return r.status === 'running' ? undefined : r
    }, 30_000, 'the analysis to be closed')
    expect(row).toEqual({ status: 'failed', answer: 'Half an answer', error: 'The reader left before the answer was complete' })
    server.reset()
  })

  it('refuses anonymous callers and other organizations before asking the model', async () => {
    server.reset()
    const anon = await ask('anon', { execution_id: run })
    expectError({ status: anon.status, body: await anon.json() }, 401, 'unauthorized')
    const other = await ask('globex', { execution_id: run })
    expectError({ status: other.status, body: await other.json() }, 404, 'not_found')
    expect(server.received('/v1/chat/completions')).toEqual([])
  })
})
