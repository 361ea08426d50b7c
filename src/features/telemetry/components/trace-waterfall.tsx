import type { KeyboardEvent } from 'react'
import { cn } from '../../../lib/utils.ts'
import type { TraceSpan } from '../api/get-trace.ts'
import { SPAN_STATUS_META, spanKindLabel, spanStatus } from '../lib/signal-meta.ts'
import { formatDuration } from '../../../lib/format.ts'
import type { Waterfall, WaterfallRow } from '../lib/waterfall.ts'

const TICKS = [0, 0.25, 0.5, 0.75, 1]

/** Where a bar's duration label goes: after the bar, else inside it when wide enough, else before it. */
function labelPlace(row: WaterfallRow<TraceSpan>): { style: { left?: string; right?: string }; inside: boolean } {
  if (row.left + row.width <= 0.8) return { style: { left: `${(row.left + row.width) * 100 + 0.5}%` }, inside: false }
  if (row.width >= 0.2) return { style: { left: `${row.left * 100 + 0.5}%` }, inside: true }
  return { style: { right: `${(1 - row.left) * 100 + 0.5}%` }, inside: false }
}

/** Moves focus between span rows with the arrow keys (Home/End: first/last). */
function moveFocus(event: KeyboardEvent<HTMLOListElement>) {
  const keys: Record<string, number> = { ArrowDown: 1, ArrowUp: -1, Home: -Infinity, End: Infinity }
  if (!(event.key in keys)) return
  const buttons = [...event.currentTarget.querySelectorAll<HTMLButtonElement>('button[data-span-row]')]
  const index = buttons.indexOf(document.activeElement as HTMLButtonElement)
  const step = keys[event.key]
  const next = Number.isFinite(step) ? Math.min(Math.max(index + step, 0), buttons.length - 1) : step < 0 ? 0 : buttons.length - 1
  buttons[next]?.focus()
  event.preventDefault()
}

/** Spans as bars on the trace's time axis, nested by parent, coloured by status; a row selects its span. */
export function TraceWaterfall({ waterfall, selected, onSelect }: {
  waterfall: Waterfall<TraceSpan>
  selected: string | null
  onSelect: (spanId: string) => void
}) {
  return (
    <div className="rounded-md border bg-card text-sm">
      <div className="grid grid-cols-[minmax(12rem,2fr)_3fr] border-b bg-muted/40 px-3 py-1.5 text-xs text-muted-foreground">
        <span>Span</span>
        <div className="relative h-4" aria-hidden>
          {TICKS.map((t) => (
            <span key={t} className={cn('absolute top-0 whitespace-nowrap tabular-nums', t === 1 ? '-translate-x-full' : t > 0 && '-translate-x-1/2')} style={{ left: `${t * 100}%` }}>
              {formatDuration(waterfall.totalMs * t)}
            </span>
          ))}
        </div>
      </div>
      <ol aria-label="Trace waterfall" onKeyDown={moveFocus} className="max-h-[28rem] overflow-y-auto py-1">
        {waterfall.rows.map((row) => {
          const span = row.span
          const status = SPAN_STATUS_META[spanStatus(span.status)]
          const isSelected = selected === span.otel_span_id
          const place = labelPlace(row)
          return (
            <li key={span.id}>
              <button type="button" data-span-row data-testid="waterfall-row" data-depth={row.depth} data-orphan={row.orphan || undefined}
                aria-pressed={isSelected} aria-label={`Span ${span.name ?? '(unnamed)'}, ${formatDuration(row.durationMs)}, level ${row.depth + 1}`}
                onClick={() => span.otel_span_id && onSelect(span.otel_span_id)}
                className={cn('grid w-full grid-cols-[minmax(12rem,2fr)_3fr] items-center px-3 py-1 text-left hover:bg-muted/50 focus-visible:bg-muted focus-visible:outline-none',
                  isSelected && 'bg-primary/10')}>
                <span className="flex min-w-0 items-center gap-1.5" style={{ paddingLeft: `${row.depth * 1}rem` }}>
                  {row.depth > 0 && <span className="text-muted-foreground" aria-hidden>└</span>}
                  <span className="truncate font-medium" data-testid="waterfall-name">{span.name ?? '(unnamed)'}</span>
                  <span className="shrink-0 text-xs text-muted-foreground">{spanKindLabel(span.kind)}</span>
                  {row.orphan && <span className="shrink-0 text-xs text-warning" title="Its parent span is not in this trace (yet)">orphan</span>}
                </span>
                <span className="relative h-5">
                  <span className={cn('absolute top-0.5 h-4 min-w-0.5 rounded-sm', status.bar)} data-status={spanStatus(span.status)}
                    style={{ left: `${row.left * 100}%`, width: `${row.width * 100}%` }} />
                  <span className={cn('absolute top-0 whitespace-nowrap text-xs tabular-nums', place.inside ? 'px-1 font-medium text-white' : 'text-muted-foreground')}
                    style={place.style}>
                    {formatDuration(row.durationMs)}
                  </span>
                </span>
              </button>
            </li>
          )
        })}
      </ol>
    </div>
  )
}
