import { describe, expect, it } from 'vitest'
import { chartOf, fieldsOf, type Bucket } from './metric-series.ts'
import { signalValue } from './signal-value.ts'

const b = (bucket: string, service: string, fields: Partial<Bucket>): Bucket =>
  ({ bucket, service_name: service, kind: 'gauge', unit: null, value_avg: null, count_total: null, sum_total: null, fields: {}, ...fields })

describe('metric charts', () => {
  it('one row per bucket, one column per service', () => {
    const buckets = [
      b('2026-11-28T10:00:00Z', 'api', { value_avg: 3 }), b('2026-11-28T10:00:00Z', 'worker', { value_avg: 5 }),
      b('2026-11-28T10:01:00Z', 'api', { value_avg: 4 }),
    ]
    expect(fieldsOf(buckets)).toEqual(['value_avg'])
    expect(chartOf(buckets, 'value_avg')).toEqual({
      field: 'value_avg', services: ['api', 'worker'],
      rows: [{ t: Date.parse('2026-11-28T10:00:00Z'), api: 3, worker: 5 }, { t: Date.parse('2026-11-28T10:01:00Z'), api: 4 }],
    })
  })

  it('histograms chart count and sum; a point without a service is named so', () => {
    const buckets = [b('2026-11-28T10:00:00Z', '', { kind: 'histogram', count_total: 7, sum_total: 910 })]
    expect(fieldsOf(buckets)).toEqual(['count_total', 'sum_total'])
    expect(chartOf(buckets, 'sum_total').services).toEqual(['(no service)'])
  })

  it('other numeric payload fields chart too (points not in OTLP shape)', () => {
    const buckets = [b('2026-11-28T10:00:00Z', 'api', { kind: 'histogram', fields: { p95_ms: 140.5 } }), b('2026-11-28T10:30:00Z', 'api', { fields: {} })]
    expect(fieldsOf(buckets)).toEqual(['payload.p95_ms'])
    expect(chartOf(buckets, 'payload.p95_ms').rows).toEqual([{ t: Date.parse('2026-11-28T10:00:00Z'), api: 140.5 }])
  })
})

describe('signalValue', () => {
  const cell = (signal_type: string, payload: unknown, duration_ms: number | null = null) => signalValue({ signal_type, payload, duration_ms })
  it('shows what each signal type carries', () => {
    expect(cell('trace', { events: [] }, 1500)).toBe('1.5 s')
    expect(cell('trace', {}, 0.3412)).toBe('0.34 ms')
    expect(cell('metric', { value: 3, unit: 'ms', asInt: '3' })).toBe('3 ms')
    expect(cell('metric', { count: '12', sum: 340.5, unit: 'ms' })).toBe('count 12 · sum 340.5 ms')
    expect(cell('metric', { route: '/v1/payments', p95_ms: 121, aggregationTemporality: 2 })).toBe('p95_ms 121')
    expect(cell('log', { body: 'disk full' })).toBe('disk full')
    expect(cell('log', { body: { msg: 'x' } })).toBe('{"msg":"x"}')
    expect(cell('metric', {})).toBe('—')
    expect(cell('log', null)).toBe('—')
  })
})
