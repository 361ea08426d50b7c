// Why did this run fail, and what to try. Any member of the run's project may ask (RLS decides what is read).
// With a model configured (AI_API_URL, AI_MODEL, AI_API_KEY) the answer streams back as server-sent events;
// without one the offline analyzer's findings come back as JSON. Every analysis is stored in ai_analyses.
import { z } from 'zod'
import { requireCaller, type Caller } from '../_shared/auth.ts'
import { corsHeaders, handle, HttpError, json, readInput } from '../_shared/http.ts'
import { analyzeOffline, OFFLINE_ANALYZER } from '../_shared/insights/offline.ts'
import { redactDeep } from '../_shared/insights/redact.ts'
import type { RunInsight } from '../_shared/insights/analyzer.ts'
import { modelFromEnv, ModelError, startChat, type ModelConfig, type Usage } from '../_shared/ai/chat.ts'
import { buildRunPrompt } from '../_shared/ai/prompt.ts'
import { readRunData } from '../_shared/ai/run-data.ts'
import { sseEvent } from '../_shared/ai/sse.ts'

const input = z.object({
  execution_id: z.guid(),
  node_id: z.string().min(1).max(200).nullish(),
})

const MODEL_STATUS: Record<ModelError['code'], number> = { model_timeout: 504, model_error: 502, model_unreachable: 502 }

export const aiInsights = handle(['POST'], async (req) => {
  const caller = await requireCaller(req)
  const { execution_id, node_id = null } = await readInput(req, input)
  const data = await readRunData(caller.db, execution_id, node_id ?? null)
  const model = modelFromEnv((name) => Deno.env.get(name))
  const known = [Deno.env.get('AI_API_KEY'), Deno.env.get('ELEVENLABS_API_KEY'), Deno.env.get('SUPABASE_SERVICE_ROLE_KEY')].filter((v): v is string => !!v)
  const insight = redactDeep(analyzeOffline(data), known)
  const analysisId = await begin(caller, execution_id, node_id ?? null, model)

  if (!model) {
    await finish(caller, analysisId, { status: 'complete', answer: insight.summary, findings: insight.findings })
    return json({ analysis_id: analysisId, ...insight }, 200)
  }
  const messages = buildRunPrompt({ ...data, insight, node_id }, known)
  await update(caller, analysisId, { prompt: messages, findings: insight.findings })
  return streamAnswer(caller, analysisId, model, messages, insight, req.signal)
})

/** Opens the row, as the database decides: membership again, and both rate limits (PT429 → 429). */
async function begin(caller: Caller, executionId: string, nodeId: string | null, model: ModelConfig | null): Promise<string> {
  // The service role runs it because the function is not the caller's to call directly: a member could
  // otherwise open rows naming any model. The caller's id comes from their verified JWT.
  const { data, error } = await caller.admin.rpc('begin_ai_analysis', {
    _user_id: caller.user.id, _execution_id: executionId, _node_id: nodeId, _kind: 'run',
    _analyzer: model ? 'model' : OFFLINE_ANALYZER, _model: model?.model ?? null,
  })
  if (error?.code === 'PT429') throw new HttpError(429, 'rate_limited', error.message, parseDetails(error.details))
  if (error?.code === 'PT404') throw new HttpError(404, 'not_found', error.message)
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
const finish = (caller: Caller, id: string, patch: Record<string, unknown>) =>
  update(caller, id, { ...patch, finished_at: new Date().toISOString() })

async function streamAnswer(caller: Caller, id: string, model: ModelConfig, messages: Parameters<typeof startChat>[1], insight: RunInsight, signal: AbortSignal): Promise<Response> {
  let chunks: Awaited<ReturnType<typeof startChat>>
  try {
    chunks = await startChat(model, messages, signal)
  } catch (error) {
    if (!(error instanceof ModelError)) throw error
    await finish(caller, id, { status: 'failed', error: error.message, answer: insight.summary })
    throw new HttpError(MODEL_STATUS[error.code], error.code, error.message, { analysis_id: id, ...(error.status ? { model_status: error.status } : {}) })
  }
  let answer = ''
  let usage: Usage = { prompt_tokens: null, completion_tokens: null, total_tokens: null }
  const body = new ReadableStream<Uint8Array>({
    async start(out) {
      out.enqueue(sseEvent('analysis', { analysis_id: id, analyzer: 'model', model: model.model, summary: insight.summary, findings: insight.findings }))
      try {
        for await (const chunk of chunks) {
          if (chunk.type === 'usage') usage = chunk.usage
          else {
            answer += chunk.text
            out.enqueue(sseEvent('delta', { text: chunk.text }))
          }
        }
        await finish(caller, id, { status: 'complete', answer, ...usage })
        out.enqueue(sseEvent('done', { analysis_id: id, usage }))
      } catch (error) {
        const message = error instanceof ModelError ? error.message : 'The answer stopped on our side; it has been logged'
        if (!(error instanceof ModelError)) console.error(error)
        await finish(caller, id, { status: 'failed', answer, error: message, ...usage }).catch(console.error)
        out.enqueue(sseEvent('error', { error: { code: error instanceof ModelError ? error.code : 'internal', message } }))
      }
      out.close()
    },
  })
  return new Response(body, { status: 200, headers: { ...corsHeaders, 'content-type': 'text/event-stream', 'cache-control': 'no-cache' } })
}
