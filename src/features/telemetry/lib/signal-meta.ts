import type { BadgeTone } from '../../../components/ui/badge.tsx'
import type { SignalType } from './signal-filter.ts'

export const SIGNAL_TYPE_META = {
  trace: { label: 'Span', tone: 'accent' },
  metric: { label: 'Metric', tone: 'info' },
  log: { label: 'Log', tone: 'neutral' },
} as const satisfies Record<SignalType, { label: string; tone: BadgeTone }>

export type SpanStatus = 'unset' | 'ok' | 'error'

/** Span status colours: the badge tone and the waterfall bar class. */
export const SPAN_STATUS_META = {
  unset: { label: 'Unset', tone: 'neutral', bar: 'bg-primary/70' },
  ok: { label: 'OK', tone: 'success', bar: 'bg-success' },
  error: { label: 'Error', tone: 'danger', bar: 'bg-destructive' },
} as const satisfies Record<SpanStatus, { label: string; tone: BadgeTone; bar: string }>

export const spanStatus = (status: string | null): SpanStatus =>
  status === 'ok' || status === 'error' ? status : 'unset'

export type SpanKind = 'internal' | 'server' | 'client' | 'producer' | 'consumer' | 'unspecified'

export const SPAN_KIND_LABELS = {
  internal: 'Internal', server: 'Server', client: 'Client', producer: 'Producer', consumer: 'Consumer', unspecified: 'Unspecified',
} as const satisfies Record<SpanKind, string>

export const spanKindLabel = (kind: string | null) =>
  kind && kind in SPAN_KIND_LABELS ? SPAN_KIND_LABELS[kind as SpanKind] : kind ?? '—'

/** Log severity text → tone (OTel severity names; anything else neutral). */
export function severityTone(severity: string | null): BadgeTone {
  const s = (severity ?? '').toUpperCase()
  if (s.startsWith('FATAL') || s.startsWith('ERROR')) return 'danger'
  if (s.startsWith('WARN')) return 'warning'
  if (s.startsWith('INFO')) return 'info'
  return 'neutral'
}
