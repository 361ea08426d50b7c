import { FunctionError } from './functions.ts'
import { env } from './env.ts'
import { supabase } from './supabase.ts'
import { createEventReader, type AnalysisEvent, type AnalysisFinding } from './analysis-events.ts'

/** What an analysis function answers without a model: the rule-based analysis, already stored. */
export interface RuleBasedAnalysis {
  analysis_id: string
  analyzer: 'rule-based'
  summary: string
  findings: AnalysisFinding[]
}

export type AnalysisFunction = 'ai-insights' | 'ai-telemetry-analysis' | 'explain-config'

/**
 * Asks an analysis function. Calls `onEvent` for each streamed event when a model answers, or resolves with
 * the rule-based analysis. Raw fetch: supabase-js's invoke cannot read a stream.
 */
export async function requestAnalysis(
  name: AnalysisFunction, body: Record<string, unknown>, onEvent: (event: AnalysisEvent) => void, signal?: AbortSignal,
): Promise<RuleBasedAnalysis | null> {
  const { data } = await supabase.auth.getSession()
  const token = data.session?.access_token ?? env.supabaseAnonKey
  const res = await fetch(`${env.supabaseUrl}/functions/v1/${name}`, {
    method: 'POST', signal, body: JSON.stringify(body),
    headers: { 'content-type': 'application/json', apikey: env.supabaseAnonKey, authorization: `Bearer ${token}` },
  }).catch((error: Error) => {
    throw new FunctionError(0, 'network', `Could not reach ${name}: ${error.message}`)
  })
  if (!res.ok) {
    const payload = await res.json().catch(() => null) as { error?: { code?: string; message?: string; details?: unknown } } | null
    throw new FunctionError(res.status, payload?.error?.code ?? 'error', payload?.error?.message ?? `${name} failed (${res.status})`, payload?.error?.details)
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
