import { FunctionError } from '../../../lib/functions.ts'
import { env } from '../../../lib/env.ts'
import { supabase } from '../../../lib/supabase.ts'
import { createEventReader, type AnalysisEvent, type AnalysisFinding } from '../lib/analysis-events.ts'

/** What ai-insights answers without a model: the rule-based analysis, already stored. */
export interface RuleBasedAnalysis {
  analysis_id: string
  analyzer: 'rule-based'
  summary: string
  findings: AnalysisFinding[]
}

/**
 * Asks ai-insights about a run (and optionally one node). Calls `onEvent` for each streamed event when a model
 * answers, or resolves with the rule-based analysis. Raw fetch: supabase-js's invoke cannot read a stream.
 */
export async function analyzeRun(
  input: { executionId: string; nodeId?: string | null },
  onEvent: (event: AnalysisEvent) => void,
  signal?: AbortSignal,
): Promise<RuleBasedAnalysis | null> {
  const { data } = await supabase.auth.getSession()
  const token = data.session?.access_token ?? env.supabaseAnonKey
  const res = await fetch(`${env.supabaseUrl}/functions/v1/ai-insights`, {
    method: 'POST', signal,
    headers: { 'content-type': 'application/json', apikey: env.supabaseAnonKey, authorization: `Bearer ${token}` },
    body: JSON.stringify({ execution_id: input.executionId, node_id: input.nodeId ?? null }),
  }).catch((error: Error) => {
    throw new FunctionError(0, 'network', `Could not reach ai-insights: ${error.message}`)
  })
  if (!res.ok) {
    const payload = await res.json().catch(() => null) as { error?: { code?: string; message?: string; details?: unknown } } | null
    throw new FunctionError(res.status, payload?.error?.code ?? 'error', payload?.error?.message ?? `ai-insights failed (${res.status})`, payload?.error?.details)
  }
  if (!res.headers.get('content-type')?.includes('text/event-stream')) return await res.json() as RuleBasedAnalysis
  const read = createEventReader()
  const decoder = new TextDecoder()
  const reader = res.body!.getReader()
  for (;;) {
    const { value, done } = await reader.read()
    for (const event of read(done ? decoder.decode() : decoder.decode(value, { stream: true }))) onEvent(event)
    if (done) return null
  }
}
