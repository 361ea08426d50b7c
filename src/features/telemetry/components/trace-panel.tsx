import { X } from 'lucide-react'
import { useMemo } from 'react'
import { Link } from 'react-router'
import { EmptyState, ErrorState, LoadingRows } from '../../../components/states.tsx'
import { Button } from '../../../components/ui/button.tsx'
import { formatDuration } from '../../../lib/format.ts'
import { TRACE_SPAN_LIMIT, useTrace } from '../api/get-trace.ts'
import { layoutWaterfall } from '../lib/waterfall.ts'
import { SpanDetails } from './span-details.tsx'
import { TraceAnalysisSlot } from './trace-analysis-slot.tsx'
import { TraceWaterfall } from './trace-waterfall.tsx'

/** One trace: its facts, the waterfall and the selected span's details (span in the URL: ?span=). */
export function TracePanel({ projectId, traceId, selectedSpan, onSelectSpan, onClose }: {
  projectId: string
  traceId: string
  selectedSpan: string | null
  onSelectSpan: (spanId: string) => void
  onClose: () => void
}) {
  const trace = useTrace(projectId, traceId)
  const waterfall = useMemo(() => layoutWaterfall(trace.data ?? []), [trace.data])
  const spans = trace.data ?? []
  const selected = spans.find((s) => s.otel_span_id === selectedSpan) ?? waterfall.rows[0]?.span
  const runId = spans.find((s) => s.execution_id)?.execution_id
  const orphans = waterfall.rows.filter((r) => r.orphan).length
  const services = [...new Set(spans.map((s) => s.service_name).filter(Boolean))]

  return (
    <section className="flex flex-col gap-3 rounded-lg border bg-background p-4" aria-label="Trace" data-testid="trace-panel">
      <header className="flex flex-wrap items-start justify-between gap-3">
        <div className="flex flex-col gap-0.5">
          <h2 className="text-lg font-semibold">Trace <code className="font-mono text-sm" data-testid="trace-id">{traceId}</code></h2>
          {trace.data && trace.data.length > 0 && (
            <p className="text-xs text-muted-foreground" data-testid="trace-facts">
              {spans.length} span{spans.length === 1 ? '' : 's'}{spans.length === TRACE_SPAN_LIMIT ? ' (the first ones only)' : ''}
              {' · '}{formatDuration(waterfall.totalMs)} · {services.join(', ')}
              {orphans > 0 && ` · ${orphans} whose parent is not here (yet)`}
            </p>
          )}
        </div>
        <div className="flex items-center gap-2">
          <TraceAnalysisSlot traceId={traceId} spans={spans} />
          {runId && <Button asChild size="sm" variant="outline"><Link to={`/executions/${runId}`}>Open the run</Link></Button>}
          <Button size="icon" variant="ghost" aria-label="Close trace" onClick={onClose}><X /></Button>
        </div>
      </header>
      {trace.isPending ? <LoadingRows rows={5} />
        : trace.isError ? <ErrorState error={trace.error} onRetry={() => void trace.refetch()} />
        : spans.length === 0 ? (
          <EmptyState title="No spans in this trace"
            description="Nothing with this trace id has reached this project. A run writes its spans as its steps finish." />
        )
        : (
          <div className="grid items-start gap-3 2xl:grid-cols-[minmax(0,1fr)_24rem]">
            <TraceWaterfall waterfall={waterfall} selected={selected?.otel_span_id ?? null} onSelect={onSelectSpan} />
            {selected && <SpanDetails span={selected} />}
          </div>
        )}
    </section>
  )
}
