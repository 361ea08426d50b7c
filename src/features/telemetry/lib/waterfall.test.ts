import { describe, expect, it } from 'vitest'
import { layoutWaterfall, type WaterfallSpan } from './waterfall.ts'

const T0 = Date.parse('2026-11-28T10:00:00.000Z')
const at = (ms: number) => new Date(T0 + ms).toISOString()
const span = (id: string, parent: string | null, start: number, end: number, name = id): WaterfallSpan =>
  ({ otel_span_id: id.padEnd(16, '0'), parent_span_id: parent ? parent.padEnd(16, '0') : null, name, started_at: at(start), ended_at: at(end) })
const names = (spans: WaterfallSpan[]) => layoutWaterfall(spans).rows.map((r) => `${'  '.repeat(r.depth)}${r.span.name}${r.orphan ? ' (orphan)' : ''}`)

describe('layoutWaterfall', () => {
  it('nests children under their parent depth-first, children in start order, whatever order the rows come in', () => {
    const spans = [
      span('c2', 'a', 600, 900, 'deploy'), span('a', null, 0, 1000, 'RUN pipeline'), span('c1', 'a', 100, 500, 'build'),
      span('g1', 'c1', 200, 300, 'compile'),
    ]
    expect(names(spans)).toEqual(['RUN pipeline', '  build', '    compile', '  deploy'])
    expect(layoutWaterfall(spans).rows.map((r) => r.childCount)).toEqual([2, 1, 0, 0])
  })

  it('offsets and widths are fractions of the trace from its first start to its last end', () => {
    const { rows, totalMs, startMs } = layoutWaterfall([span('a', null, 0, 1000), span('b', 'a', 250, 750)])
    expect(startMs).toBe(T0)
    expect(totalMs).toBe(1000)
    expect(rows.map((r) => [r.offsetMs, r.durationMs, r.left, r.width])).toEqual([[0, 1000, 0, 1], [250, 500, 0.25, 0.5]])
  })

  it('a child that outlasts its parent stretches the axis instead of overflowing it', () => {
    const { rows, totalMs } = layoutWaterfall([span('a', null, 0, 100), span('b', 'a', 50, 400)])
    expect(totalMs).toBe(400)
    expect(rows[1]).toMatchObject({ left: 0.125, width: 0.875 })
  })

  it('spans whose parent is missing are shown at the top level, marked orphan, with their own children nested', () => {
    // A run still going: task spans exist, the run span (their parent) is written when it finishes.
    const spans = [span('t1', 'run', 0, 100, 'Build'), span('t2', 'run', 150, 300, 'Test'), span('w', 't2', 160, 250, 'workflow job')]
    expect(names(spans)).toEqual(['Build (orphan)', 'Test (orphan)', '  workflow job'])
  })

  it('keeps every span of a parent cycle (bad data) instead of dropping it', () => {
    const spans = [span('x', 'y', 0, 10), span('y', 'x', 5, 20), span('z', null, 0, 30)]
    const out = names(spans)
    expect(out).toHaveLength(3)
    expect(out).toEqual(['z', 'x (orphan)', '  y'])
  })

  it('a span naming itself as parent is a root, not lost', () => {
    expect(names([{ ...span('a', 'a', 0, 10) }])).toEqual(['a (orphan)'])
  })

  it('a zero-length trace draws full-width bars; a span with no end is a point', () => {
    expect(layoutWaterfall([span('a', null, 0, 0)]).rows[0]).toMatchObject({ width: 1, durationMs: 0 })
    const open = { ...span('b', 'a', 50, 50), ended_at: null }
    expect(layoutWaterfall([span('a', null, 0, 100), open]).rows[1]).toMatchObject({ offsetMs: 50, durationMs: 0, width: 0 })
  })

  it('no spans: no rows', () => {
    expect(layoutWaterfall([])).toEqual({ rows: [], startMs: 0, totalMs: 0 })
  })

  it('the CI/CD shape: a SERVER run span with task spans and a retried task (two attempts, two span ids)', () => {
    const spans = [
      span('run', null, 0, 10_000, 'RUN payments-deploy'), span('build', 'run', 0, 3000, 'Build'),
      span('test1', 'run', 3000, 5000, 'Unit tests'), span('test2', 'run', 5000, 7000, 'Unit tests'), span('prod', 'run', 7000, 10_000, 'Deploy prod'),
    ]
    expect(names(spans)).toEqual(['RUN payments-deploy', '  Build', '  Unit tests', '  Unit tests', '  Deploy prod'])
  })
})
