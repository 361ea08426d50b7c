// Lays out a trace's spans as a waterfall: depth-first by parent span id (children in start order), each bar
// offset from the trace's first start and as wide as its duration, both as fractions of the whole trace.
// A span whose parent is not in the trace (not received yet, e.g. task spans of a run still going, or a
// cycle in bad data) is shown at the top level and marked orphan.

export interface WaterfallSpan {
  otel_span_id: string | null
  parent_span_id: string | null
  name: string | null
  started_at: string | null
  ended_at: string | null
}

export interface WaterfallRow<T extends WaterfallSpan> {
  span: T
  depth: number
  /** The parent span id is set but no span of the trace has it. */
  orphan: boolean
  childCount: number
  /** Milliseconds from the trace's start to this span's start. */
  offsetMs: number
  durationMs: number
  /** offsetMs and durationMs as fractions (0–1) of the trace's total duration. */
  left: number
  width: number
}

export interface Waterfall<T extends WaterfallSpan> {
  rows: WaterfallRow<T>[]
  /** The earliest start, epoch ms (0 with no spans). */
  startMs: number
  totalMs: number
}

const time = (iso: string | null) => (iso ? new Date(iso).getTime() : Number.NaN)

export function layoutWaterfall<T extends WaterfallSpan>(spans: readonly T[]): Waterfall<T> {
  const starts = spans.map((s) => time(s.started_at)).filter(Number.isFinite)
  const ends = spans.map((s) => time(s.ended_at ?? s.started_at)).filter(Number.isFinite)
  if (starts.length === 0) return { rows: [], startMs: 0, totalMs: 0 }
  const startMs = Math.min(...starts)
  const totalMs = Math.max(Math.max(...ends) - startMs, 0)

  const ids = new Set(spans.map((s) => s.otel_span_id).filter(Boolean))
  const children = new Map<string, T[]>()
  const roots: T[] = []
  for (const span of spans) {
    const parent = span.parent_span_id
    if (parent && ids.has(parent) && parent !== span.otel_span_id) {
      children.set(parent, [...(children.get(parent) ?? []), span])
    } else roots.push(span)
  }
  const byStart = (a: T, b: T) => (time(a.started_at) || 0) - (time(b.started_at) || 0) || (a.name ?? '').localeCompare(b.name ?? '')

  const rows: WaterfallRow<T>[] = []
  const placed = new Set<T>()
  const expanded = new Set<string>()
  const visit = (span: T, depth: number, orphan: boolean) => {
    if (placed.has(span)) return
    placed.add(span)
    const id = span.otel_span_id
    // A span id seen twice (a resent span) lists the shared children under its first row only.
    const kids = id && !expanded.has(id) ? [...(children.get(id) ?? [])].sort(byStart) : []
    if (id) expanded.add(id)
    const begin = Number.isFinite(time(span.started_at)) ? time(span.started_at) : startMs
    const end = Number.isFinite(time(span.ended_at)) ? time(span.ended_at) : begin
    const offsetMs = begin - startMs
    const durationMs = Math.max(end - begin, 0)
    rows.push({
      span, depth, orphan, childCount: kids.length, offsetMs, durationMs,
      left: totalMs > 0 ? offsetMs / totalMs : 0, width: totalMs > 0 ? durationMs / totalMs : 1,
    })
    for (const kid of kids) visit(kid, depth + 1, false)
  }
  for (const root of [...roots].sort(byStart)) visit(root, 0, Boolean(root.parent_span_id))
  // Whatever a walk from the roots never reached sits in a parent cycle: show it rather than lose it.
  for (const span of [...spans].sort(byStart)) visit(span, 0, true)
  return { rows, startMs, totalMs }
}
