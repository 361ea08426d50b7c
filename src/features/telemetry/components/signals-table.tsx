import { Link, useSearchParams } from 'react-router'
import { Badge } from '../../../components/ui/badge.tsx'
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '../../../components/ui/table.tsx'
import { formatDateTime } from '../../../lib/format.ts'
import type { SignalRow } from '../api/list-signals.ts'
import { SIGNAL_TYPE_META, SPAN_STATUS_META, severityTone, spanStatus } from '../lib/signal-meta.ts'
import type { SignalType } from '../lib/signal-filter.ts'
import { signalValue } from '../lib/signal-value.ts'

const timeOf = (row: SignalRow) => row.started_at ?? row.observed_at
const clock = (iso: string) => new Date(iso).toLocaleString([], { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit' })
// Run trace ids share their first digits (they are uuids): show both ends.
const shortTrace = (id: string) => `${id.slice(0, 6)}…${id.slice(-6)}`

function StatusCell({ row }: { row: SignalRow }) {
  if (row.signal_type === 'log') return row.status ? <Badge tone={severityTone(row.status)}>{row.status}</Badge> : <>—</>
  if (row.signal_type !== 'trace') return <span className="text-muted-foreground">{row.kind ?? '—'}</span>
  const meta = SPAN_STATUS_META[spanStatus(row.status)]
  return <Badge tone={meta.tone}>{meta.label}</Badge>
}

/** The signals of one page; a trace id opens that trace's waterfall (?trace=) keeping the filters. */
export function SignalsTable({ rows, selectedTrace }: { rows: SignalRow[]; selectedTrace: string | null }) {
  const [params] = useSearchParams()
  const traceHref = (traceId: string) => {
    const next = new URLSearchParams(params)
    next.set('trace', traceId)
    next.delete('span')
    return { search: `?${next}` }
  }
  return (
    <Table aria-label="Signals">
      <TableHeader>
        <TableRow>
          <TableHead className="w-36">Time</TableHead>
          <TableHead className="w-20">Signal</TableHead>
          <TableHead>Service</TableHead>
          <TableHead>Name</TableHead>
          <TableHead className="w-32">Trace</TableHead>
          <TableHead>Duration / value</TableHead>
          <TableHead className="w-24">Status</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {rows.map((row) => {
          const type = SIGNAL_TYPE_META[row.signal_type as SignalType] ?? { label: row.signal_type, tone: 'neutral' as const }
          return (
            <TableRow key={row.id} data-testid="signal-row" data-signal-id={row.id}
              className={row.otel_trace_id && row.otel_trace_id === selectedTrace ? 'bg-primary/5' : undefined}>
              <TableCell className="whitespace-nowrap tabular-nums text-muted-foreground">
                <time dateTime={timeOf(row)} title={formatDateTime(timeOf(row))}>{clock(timeOf(row))}</time>
              </TableCell>
              <TableCell><Badge tone={type.tone}>{type.label}</Badge></TableCell>
              <TableCell className="max-w-40 truncate">{row.service_name ?? '—'}</TableCell>
              <TableCell className="max-w-72 truncate font-medium" title={row.name ?? undefined}>{row.name ?? '—'}</TableCell>
              <TableCell>
                {row.otel_trace_id
                  ? <Link to={traceHref(row.otel_trace_id)} className="whitespace-nowrap font-mono text-xs text-primary hover:underline"
                      aria-label={`Open trace ${row.otel_trace_id}`} title={row.otel_trace_id}>{shortTrace(row.otel_trace_id)}</Link>
                  : <span className="text-muted-foreground">—</span>}
              </TableCell>
              <TableCell className="max-w-72 truncate whitespace-nowrap tabular-nums" title={signalValue(row)}>{signalValue(row)}</TableCell>
              <TableCell><StatusCell row={row} /></TableCell>
            </TableRow>
          )
        })}
      </TableBody>
    </Table>
  )
}
