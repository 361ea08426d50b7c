import type { TraceSpan } from '../api/get-trace.ts'

/**
 * The seam for AI analysis of a trace (a later issue): the trace view renders this in its header, with the
 * trace's spans, and this is where an "Analyze" action and its result will go. It renders nothing until that
 * exists — no placeholder analysis is shown.
 */
export function TraceAnalysisSlot(_props: { traceId: string; spans: TraceSpan[] }) {
  return null
}
