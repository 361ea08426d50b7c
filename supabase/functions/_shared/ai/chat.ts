// The client for any OpenAI-compatible chat-completions endpoint (OpenAI, Ollama, vLLM, a gateway):
// `POST {base}/chat/completions` with `stream: true`, read as server-sent events. A model that sends nothing
// for `timeoutMs` (before answering or between chunks) is abandoned with a ModelError('model_timeout').
import { readSse } from './sse.ts'

export interface ModelConfig {
  /** Base URL up to and including the API version, e.g. https://api.openai.com/v1 or http://127.0.0.1:11434/v1. */
  baseUrl: string
  model: string
  /** Sent as a bearer token when set (a local Ollama needs none). */
  apiKey?: string
  timeoutMs: number
}

export interface ChatMessage {
  role: 'system' | 'user' | 'assistant'
  content: string
}

export interface Usage {
  prompt_tokens: number | null
  completion_tokens: number | null
  total_tokens: number | null
}

export type ChatChunk = { type: 'delta'; text: string } | { type: 'usage'; usage: Usage }

export class ModelError extends Error {
  constructor(readonly code: 'model_timeout' | 'model_error' | 'model_unreachable', message: string, readonly status?: number) {
    super(message)
  }
}

/** The model settings from function secrets, or null when no model is configured (the offline analyzer answers). */
export function modelFromEnv(get: (name: string) => string | undefined): ModelConfig | null {
  const baseUrl = get('AI_API_URL')?.trim()
  const model = get('AI_MODEL')?.trim()
  if (!baseUrl || !model) return null
  const timeout = Number(get('AI_TIMEOUT_MS') ?? '')
  return { baseUrl: baseUrl.replace(/\/+$/, ''), model, apiKey: get('AI_API_KEY')?.trim() || undefined, timeoutMs: timeout > 0 ? timeout : 60_000 }
}

/** An idle timer: fires `onIdle` after `ms` without a `poke()`. */
function idleTimer(ms: number, onIdle: () => void) {
  let timer = setTimeout(onIdle, ms)
  return {
    poke: () => { clearTimeout(timer); timer = setTimeout(onIdle, ms) },
    stop: () => clearTimeout(timer),
  }
}

const seconds = (ms: number) => `${Math.round(ms / 100) / 10} s`

/**
 * Starts a streamed completion. Resolves once the model has answered with a success status (so the caller can
 * still answer with a plain error otherwise), then yields chunks as they arrive.
 */
export async function startChat(config: ModelConfig, messages: ChatMessage[], signal?: AbortSignal): Promise<AsyncGenerator<ChatChunk>> {
  const controller = new AbortController()
  let timedOut = false
  const timer = idleTimer(config.timeoutMs, () => { timedOut = true; controller.abort() })
  signal?.addEventListener('abort', () => controller.abort(), { once: true })
  const timeoutError = () => new ModelError('model_timeout', `The model (${config.model}) sent nothing for ${seconds(config.timeoutMs)}; try again later, or ask an admin to check AI_API_URL and AI_TIMEOUT_MS`)

  let res: Response
  try {
    res = await fetch(`${config.baseUrl}/chat/completions`, {
      method: 'POST',
      signal: controller.signal,
      headers: { 'content-type': 'application/json', accept: 'text/event-stream', ...(config.apiKey ? { authorization: `Bearer ${config.apiKey}` } : {}) },
      body: JSON.stringify({ model: config.model, messages, stream: true, stream_options: { include_usage: true }, temperature: 0.2 }),
    })
  } catch (error) {
    timer.stop()
    if (timedOut) throw timeoutError()
    throw new ModelError('model_unreachable', `The model endpoint could not be reached (${(error as Error).message})`)
  }
  if (!res.ok || !res.body) {
    const text = await res.text().catch(() => '')
    timer.stop()
    throw new ModelError('model_error', `The model answered ${res.status}: ${modelMessage(text)}`, res.status)
  }
  timer.poke()
  const body = res.body
  return (async function* () {
    try {
      for await (const message of readSse(body)) {
        timer.poke()
        if (message.data.trim() === '[DONE]') return
        const chunk = JSON.parse(message.data) as { choices?: Array<{ delta?: { content?: string | null } }>; usage?: Partial<Usage> | null; error?: { message?: string } }
        if (chunk.error) throw new ModelError('model_error', `The model stopped with an error: ${chunk.error.message ?? 'unknown'}`)
        const text = chunk.choices?.[0]?.delta?.content
        if (text) yield { type: 'delta', text }
        if (chunk.usage) {
          yield { type: 'usage', usage: { prompt_tokens: chunk.usage.prompt_tokens ?? null, completion_tokens: chunk.usage.completion_tokens ?? null, total_tokens: chunk.usage.total_tokens ?? null } }
        }
      }
    } catch (error) {
      if (timedOut) throw timeoutError()
      throw error
    } finally {
      timer.stop()
    }
  })()
}

/** The readable part of a provider's error body ({error: {message}} for OpenAI and most compatible servers). */
function modelMessage(text: string): string {
  try {
    const body = JSON.parse(text)
    const message = body?.error?.message ?? body?.message ?? body?.error
    if (typeof message === 'string') return message.slice(0, 300)
  } catch { /* not JSON */ }
  return text.slice(0, 300) || 'no message'
}
