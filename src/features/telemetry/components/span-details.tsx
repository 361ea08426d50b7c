import { Link } from 'react-router'
import { Badge } from '../../../components/ui/badge.tsx'
import { formatDateTime, formatDuration } from '../../../lib/format.ts'
import type { TraceSpan } from '../api/get-trace.ts'
import { SPAN_STATUS_META, spanKindLabel, spanStatus } from '../lib/signal-meta.ts'

type Json = TraceSpan['attributes']

const show = (value: unknown) => (typeof value === 'string' ? value : JSON.stringify(value))

function Attributes({ title, values, testId }: { title: string; values: Json; testId?: string }) {
  const entries = values && typeof values === 'object' && !Array.isArray(values) ? Object.entries(values).sort(([a], [b]) => a.localeCompare(b)) : []
  return (
    <div className="flex flex-col gap-1">
      <h4 className="text-xs font-medium text-muted-foreground">{title}</h4>
      {entries.length === 0 ? <p className="text-xs text-muted-foreground">None</p> : (
        <dl className="grid grid-cols-[minmax(0,2fr)_minmax(0,3fr)] gap-x-3 gap-y-0.5 text-xs" data-testid={testId}>
          {entries.map(([key, value]) => (
            <div key={key} className="contents">
              <dt className="break-all font-mono text-muted-foreground">{key}</dt>
              <dd className="break-all font-mono">{show(value)}</dd>
            </div>
          ))}
        </dl>
      )}
    </div>
  )
}

interface SpanEvent { name?: unknown; timeUnixNano?: unknown; attributes?: Json }

/** The selected span: status, kind, timing, ids, attributes, resource and events as stored. */
export function SpanDetails({ span }: { span: TraceSpan }) {
  const status = SPAN_STATUS_META[spanStatus(span.status)]
  const payload = (span.payload ?? {}) as Record<string, unknown>
  const message = payload.statusMessage ?? payload.status_message
  const events = Array.isArray(payload.events) ? payload.events as SpanEvent[] : []
  return (
    <section className="flex flex-col gap-3 rounded-md border bg-card p-3 text-sm" aria-label="Span details" data-testid="span-details">
      <div className="flex flex-wrap items-center gap-2">
        <h3 className="font-semibold">{span.name ?? '(unnamed)'}</h3>
        <Badge tone={status.tone}>{status.label}</Badge>
        <Badge>{spanKindLabel(span.kind)}</Badge>
        {span.source === 'opzenix' && <Badge tone="accent">CI/CD span</Badge>}
      </div>
      {typeof message === 'string' && message && <p className="text-xs text-destructive">{message}</p>}
      <dl className="grid grid-cols-2 gap-x-3 gap-y-1 text-xs">
        <dt className="text-muted-foreground">Service</dt><dd>{span.service_name ?? '—'}</dd>
        <dt className="text-muted-foreground">Started</dt><dd>{formatDateTime(span.started_at)}</dd>
        <dt className="text-muted-foreground">Duration</dt><dd className="tabular-nums">{formatDuration(span.duration_ms)}</dd>
        <dt className="text-muted-foreground">Span id</dt><dd className="font-mono">{span.otel_span_id}</dd>
        <dt className="text-muted-foreground">Parent</dt><dd className="font-mono">{span.parent_span_id ?? '—'}</dd>
        {span.execution_id && (<>
          <dt className="text-muted-foreground">Run</dt>
          <dd><Link className="text-primary hover:underline" to={`/executions/${span.execution_id}`}>Open the run</Link></dd>
        </>)}
      </dl>
      <Attributes title="Attributes" values={span.attributes} testId="span-attributes" />
      <Attributes title="Resource" values={span.resource_attributes} />
      {events.length > 0 && (
        <div className="flex flex-col gap-1">
          <h4 className="text-xs font-medium text-muted-foreground">Events</h4>
          <ul className="flex flex-col gap-1 text-xs">
            {events.map((event, i) => (
              <li key={i}><span className="font-medium">{show(event.name)}</span>{event.attributes ? <span className="font-mono text-muted-foreground"> {show(event.attributes)}</span> : null}</li>
            ))}
          </ul>
        </div>
      )}
    </section>
  )
}
