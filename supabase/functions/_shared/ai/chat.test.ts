// The OpenAI-compatible streaming client against a real local HTTP server: chunks and usage come through in
// order, and a model that starts answering and then goes silent is abandoned with a model_timeout error.
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { startChat, ModelError, modelFromEnv, type ChatChunk } from './chat.ts'

let server: http.Server | undefined
afterEach(async () => {
  server?.closeAllConnections()
  await new Promise((resolve) => server?.close(resolve))
})

async function serve(handler: http.RequestListener): Promise<string> {
  server = http.createServer(handler)
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve))
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`
}

const chunk = (content: string) => `data: ${JSON.stringify({ choices: [{ delta: { content } }] })}\n\n`

describe('startChat', () => {
  it('yields the deltas split across network writes, then the usage', async () => {
    const baseUrl = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' })
      const body = chunk('Hel') + chunk('lo') + `data: ${JSON.stringify({ choices: [], usage: { prompt_tokens: 5, completion_tokens: 2, total_tokens: 7 } })}\n\ndata: [DONE]\n\n`
      res.write(body.slice(0, 17))
      setImmediate(() => res.end(body.slice(17)))
    })
    const seen: ChatChunk[] = []
    for await (const c of await startChat({ baseUrl, model: 'm', timeoutMs: 5000 }, [{ role: 'user', content: 'hi' }])) seen.push(c)
    expect(seen).toEqual([
      { type: 'delta', text: 'Hel' }, { type: 'delta', text: 'lo' },
      { type: 'usage', usage: { prompt_tokens: 5, completion_tokens: 2, total_tokens: 7 } },
    ])
  })

  it('gives up on a model that goes silent mid-answer, after what it already said', async () => {
    const baseUrl = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' })
      res.write(chunk('The build'))
    })
    const seen: string[] = []
    const read = async () => {
      for await (const c of await startChat({ baseUrl, model: 'slow-model', timeoutMs: 300 }, [])) if (c.type === 'delta') seen.push(c.text)
    }
    const error = await read().catch((e) => e)
    expect(error).toBeInstanceOf(ModelError)
    expect(error.code).toBe('model_timeout')
    expect(error.message).toMatch(/^The model \(slow-model\) sent nothing for 0.3 s/)
    expect(seen).toEqual(['The build'])
  })

  it('reads its settings from the function secrets, and none means no model', () => {
    const env = (vars: Record<string, string>) => (name: string) => vars[name]
    expect(modelFromEnv(env({}))).toBeNull()
    expect(modelFromEnv(env({ AI_API_URL: 'http://127.0.0.1:11434/v1/', AI_MODEL: 'llama3.1' })))
      .toEqual({ baseUrl: 'http://127.0.0.1:11434/v1', model: 'llama3.1', apiKey: undefined, timeoutMs: 60_000 })
  })
})
