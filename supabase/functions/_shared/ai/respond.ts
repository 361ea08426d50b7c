// The shared answer of the analysis functions (ai-insights, ai-telemetry-analysis, explain-config): open the
// stored row (the database checks membership and the rate limits), then either return the rule-based insight
// as JSON or stream the model's answer as server-sent events, storing the outcome either way.
import type { Caller } from '../auth.ts'
import { badRequest, corsHeaders, HttpError, json, notFound } from '../http.ts'
import type { RunInsight } from '../insights/analyzer.ts'
import { OFFLINE_ANALYZER } from '../insights/offline.ts'
import { ModelError, startChat, type ChatChunk, type ChatMessage, type ModelConfig, type Usage } from './chat.ts'
import { sseEvent } from './sse.ts'

export type AnalysisKind = 'run' | 'telemetry' | 'config'

/** Exactly one of them: a run (and optionally its node), a pipeline or an environment. */
export interface AnalysisSubject {
  execution_id?: string | null
  node_id?: string | null
  flow_template_id?: string | null
  environment_id?: string | null
}

const MODEL_STATUS: Record<ModelError['code'], number> = { model_timeout: 504, model_error: 502, model_unreachable: 502 }

/** Values no prompt or stored analysis may contain: the functions' own keys. */
export function knownSecrets(get: (name: string) => string | undefined): string[] {
  return ['AI_API_KEY', 'ELEVENLABS_API_KEY', 'SUPABASE_SERVICE_ROLE_KEY'].map(get).filter((v): v is string => !!v)
}

/** Opens the row as the database decides: membership again, and both rate limits (PT429 → 429). */
export async function beginAnalysis(caller: Caller, kind: AnalysisKind, subject: AnalysisSubject, model: ModelConfig | null): Promise<string> {
  // The service role runs it because the function is not the caller's to call directly: a member could
  // otherwise open rows naming any model. The caller's id comes from their verified JWT.
  const { data, error } = await caller.admin.rpc('begin_ai_analysis', {
    _user_id: caller.user.id, _kind: kind, _execution_id: subject.execution_id ?? null, _node_id: subject.node_id ?? null,
    _flow_template_id: subject.flow_template_id ?? null, _environment_id: subject.environment_id ?? null,
    _analyzer: model ? 'model' : OFFLINE_ANALYZER, _model: model?.model ?? null,
  })
  if (error?.code === 'PT429') throw new HttpError(429, 'rate_limited', error.message, parseDetails(error.details))
  if (error?.code === 'PT404') throw notFound(error.message)
  if (error?.code === 'PT400') throw badRequest(error.message)
  if (error) throw error
  return data as string
}

const parseDetails = (details: string | null | undefined) => {
  try { return details ? JSON.parse(details) : undefined } catch { return undefined }
}

// Answers are written with the service role: members may read analyses but never write them (no forged answers).
async function update(caller: Caller, id: string, patch: Record<string, unknown>): Promise<void> {
  const { error } = await caller.admin.from('ai_analyses').update(patch).eq('id', id)
  if (error) throw error
}
const finish = (caller: Caller, id: string, patch: Record<string, unknown>) => update(caller, id, { ...patch, finished_at: new Date().toISOString() })

export interface AnalysisRequest {
  caller: Caller
  kind: AnalysisKind
  subject: AnalysisSubject
  model: ModelConfig | null
  insight: RunInsight
  /** The prompt, built only when a model is configured (already redacted). */
  messages: (insight: RunInsight) => ChatMessage[]
  signal: AbortSignal
}

/** Rule-based JSON without a model; with one, the model's answer as server-sent events. */
export async function respondWithAnalysis(request: AnalysisRequest): Promise<Response> {
  const { caller, insight, model } = request
  const id = await beginAnalysis(caller, request.kind, request.subject, model)
  if (!model) {
    await finish(caller, id, { status: 'complete', answer: insight.summary, findings: insight.findings })
    return json({ analysis_id: id, ...insight })
  }
  const messages = request.messages(insight)
  await update(caller, id, { prompt: messages, findings: insight.findings })
  return streamAnswer(caller, id, model, messages, insight, request.signal)
}

async function streamAnswer(caller: Caller, id: string, model: ModelConfig, messages: ChatMessage[], insight: RunInsight, signal: AbortSignal): Promise<Response> {
  let chunks: AsyncGenerator<ChatChunk>
  try {
    chunks = await startChat(model, messages, signal)
  } catch (error) {
    if (!(error instanceof ModelError)) throw error
    await finish(caller, id, { status: 'failed', error: error.message, answer: insight.summary })
    throw new HttpError(MODEL_STATUS[error.code], error.code, error.message, { analysis_id: id, ...(error.status ? { model_status: error.status } : {}) })
  }
  let answer = ''
  let usage: Usage = { prompt_tokens: null, completion_tokens: null, total_tokens: null }
  let readerLeft = false
  const body = new ReadableStream<Uint8Array>({
    async start(out) {
      const send = (bytes: Uint8Array) => { if (!readerLeft) out.enqueue(bytes) }
      send(sseEvent('analysis', { analysis_id: id, analyzer: 'model', model: model.model, summary: insight.summary, findings: insight.findings }))
      try {
        for await (const chunk of chunks) {
          if (readerLeft) break
          if (chunk.type === 'usage') usage = chunk.usage
          else {
            answer += chunk.text
            send(sseEvent('delta', { text: chunk.text }))
          }
        }
        if (readerLeft) {
          await finish(caller, id, { status: 'failed', answer, error: 'The reader left before the answer was complete', ...usage })
        } else {
          await finish(caller, id, { status: 'complete', answer, ...usage })
          send(sseEvent('done', { analysis_id: id, usage }))
        }
      } catch (error) {
        const known = error instanceof ModelError
        if (!known && !readerLeft) console.error(error)
        const message = readerLeft ? 'The reader left before the answer was complete'
          : known ? error.message : 'The answer stopped on our side; it has been logged'
        await finish(caller, id, { status: 'failed', answer, error: message, ...usage }).catch(console.error)
        send(sseEvent('error', { error: { code: known ? error.code : 'internal', message } }))
      }
      if (!readerLeft) out.close()
    },
    // The browser went away (closed the page, asked again): stop reading the model; the row says why.
    cancel() {
      readerLeft = true
      void chunks.return(undefined)
    },
  })
  return new Response(body, { status: 200, headers: { ...corsHeaders, 'content-type': 'text/event-stream', 'cache-control': 'no-cache' } })
}
