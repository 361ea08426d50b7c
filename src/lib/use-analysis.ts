import { useQueryClient, type QueryKey } from '@tanstack/react-query'
import { useCallback, useEffect, useRef, useState } from 'react'
import type { AnalysisFinding } from './analysis-events.ts'
import { requestAnalysis, type AnalysisFunction } from './analysis-stream.ts'

/** One analysis as a panel shows it while it arrives (a stream is not server state until it is stored). */
export interface LiveAnalysis {
  phase: 'asking' | 'streaming' | 'done' | 'failed'
  analysisId: string | null
  analyzer: 'rule-based' | 'model' | null
  model: string | null
  summary: string | null
  findings: AnalysisFinding[]
  answer: string
  tokens: number | null
  error: string | null
}

const START: LiveAnalysis = { phase: 'asking', analysisId: null, analyzer: null, model: null, summary: null, findings: [], answer: '', tokens: null, error: null }

/** Asks an analysis function and follows its stream; `stored` (the list of saved analyses) is refreshed when it ends. */
export function useAnalysis(name: AnalysisFunction, stored?: QueryKey) {
  const queryClient = useQueryClient()
  const [live, setLive] = useState<LiveAnalysis | null>(null)
  const abort = useRef<AbortController | null>(null)
  useEffect(() => () => abort.current?.abort(), [])

  const ask = useCallback(async (body: Record<string, unknown>) => {
    abort.current?.abort()
    const controller = new AbortController()
    abort.current = controller
    setLive(START)
    const patch = (change: Partial<LiveAnalysis> | ((l: LiveAnalysis) => Partial<LiveAnalysis>)) =>
      setLive((l) => (l ? { ...l, ...(typeof change === 'function' ? change(l) : change) } : l))
    try {
      const ruleBased = await requestAnalysis(name, body, (event) => {
        if (event.event === 'analysis') patch({ phase: 'streaming', analysisId: event.data.analysis_id, analyzer: 'model', model: event.data.model, summary: event.data.summary, findings: event.data.findings })
        else if (event.event === 'delta') patch((l) => ({ answer: l.answer + event.data.text }))
        else if (event.event === 'done') patch({ phase: 'done', tokens: event.data.usage.total_tokens })
        else patch({ phase: 'failed', error: event.data.error.message })
      }, controller.signal)
      if (ruleBased) patch({ phase: 'done', analysisId: ruleBased.analysis_id, analyzer: 'rule-based', summary: ruleBased.summary, findings: ruleBased.findings })
      else patch((l) => (l.phase === 'streaming' ? { phase: 'failed', error: 'The answer stopped before it was complete' } : {}))
    } catch (error) {
      if (controller.signal.aborted) return
      patch({ phase: 'failed', error: (error as Error).message })
    } finally {
      if (stored) void queryClient.invalidateQueries({ queryKey: stored })
    }
  }, [name, stored, queryClient])

  return { live, ask }
}
