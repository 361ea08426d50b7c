// The recording server playing an OpenAI-compatible model: `POST /v1/chat/completions` answers with a
// `stream: true` body of chat.completion.chunk events (text split into pieces, then usage, then [DONE]).
import type { Reply, Route } from '../helpers/recording-server.ts'

export const MODEL_KEY = 'sk-test-model-key-0123456789abcdef'

/** The SSE body an OpenAI-compatible server streams for `pieces`, with a final usage chunk. */
export function streamedCompletion(pieces: string[], usage = { prompt_tokens: 812, completion_tokens: 64, total_tokens: 876 }): string {
  const chunk = (body: unknown) => `data: ${JSON.stringify(body)}\n\n`
  const base = { id: 'chatcmpl-test', object: 'chat.completion.chunk', created: 1_764_000_000, model: 'test-model' }
  return [
    chunk({ ...base, choices: [{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null }] }),
    ...pieces.map((content) => chunk({ ...base, choices: [{ index: 0, delta: { content }, finish_reason: null }] })),
    chunk({ ...base, choices: [{ index: 0, delta: {}, finish_reason: 'stop' }] }),
    chunk({ ...base, choices: [], usage }),
    'data: [DONE]\n\n',
  ].join('')
}

export const ANSWER = ['The **test** stage failed: ', '1 test failed in the payments suite. ', 'Try: rerun the suite locally; check the fixtures.']

export const modelRoute = (reply: Reply = { status: 200, headers: { 'content-type': 'text/event-stream' }, body: streamedCompletion(ANSWER) }): Route =>
  ({ method: 'POST', path: '/v1/chat/completions', reply })

/** Reads a text/event-stream response into its events. */
export async function readEvents(res: Response): Promise<Array<{ event: string; data: any }>> {
  const text = await res.text()
  return text.split('\n\n').filter((b) => b.trim()).map((block) => {
    const event = /^event: (.*)$/m.exec(block)?.[1] ?? 'message'
    const data = block.split('\n').filter((l) => l.startsWith('data: ')).map((l) => l.slice(6)).join('\n')
    return { event, data: JSON.parse(data) }
  })
}

/** Half a second of silence as real MPEG-1 Layer III frames (128 kbit/s, 44.1 kHz, mono), so a browser can play it. */
export function silentMp3(frames = 20): Buffer {
  const frame = Buffer.alloc(417)
  frame.set([0xff, 0xfb, 0x90, 0xc4])
  return Buffer.concat(Array.from({ length: frames }, () => frame))
}
