import { postFunction } from './functions.ts'
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
 * the rule-based analysis. By postFunction: supabase-js's invoke cannot read a stream.
 */
export async function requestAnalysis(
  name: AnalysisFunction, body: Record<string, unknown>, onEvent: (event: AnalysisEvent) => void, signal?: AbortSignal,
): Promise<RuleBasedAnalysis | null> {
  const res = await postFunction(name, body, signal)
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
