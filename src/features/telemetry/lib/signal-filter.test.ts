import { describe, expect, it } from 'vitest'
import { changeFilter, EMPTY_FILTER, filterKey, filterToParams, likePattern, matchesFilter, normalizeTraceId, parseFilter } from './signal-filter.ts'

const parse = (search: string) => parseFilter(new URLSearchParams(search))

describe('signal filter ⇄ URL', () => {
  it('reads every filter from the URL (page is 1-based there)', () => {
    expect(parse('type=log&service=checkout&name=POST&trace_id=AB12&window=15m&page=3')).toEqual({
      type: 'log', service: 'checkout', name: 'POST', traceId: 'ab12', window: '15m', page: 2,
    })
  })

  it('falls back to defaults for missing or invalid values', () => {
    expect(parse('')).toEqual(EMPTY_FILTER)
    expect(parse('type=span&window=2y&page=-4&page=x')).toEqual(EMPTY_FILTER)
    expect(parse('page=1.5').page).toBe(0)
  })

  it('round-trips, leaving defaults out and other params alone', () => {
    const filter = { type: 'trace', service: 'api', name: 'GET /', traceId: '0af7651916cd43dd8448eb211c80319c', window: '7d', page: 1 } as const
    const params = filterToParams(filter, new URLSearchParams('trace=abc&tab=metrics&type=log'))
    expect(parseFilter(params)).toEqual(filter)
    expect(params.get('trace')).toBe('abc')
    expect(params.get('tab')).toBe('metrics')
    expect(filterToParams(EMPTY_FILTER, new URLSearchParams('type=log&window=1h&page=2&span=x')).toString()).toBe('span=x')
  })

  it('a pasted run uuid becomes its trace id', () => {
    expect(normalizeTraceId('6F1C2A9E-0B1D-4C55-9E2A-1234567890AB')).toBe('6f1c2a9e0b1d4c559e2a1234567890ab')
    expect(normalizeTraceId('xyz')).toBe('')
  })

  it('changing a filter goes back to page 1; changing the page keeps the filter', () => {
    const onPage3 = { ...EMPTY_FILTER, type: 'log' as const, page: 2 }
    expect(changeFilter(onPage3, { service: 'api' })).toMatchObject({ type: 'log', service: 'api', page: 0 })
    expect(changeFilter(onPage3, { page: 3 })).toMatchObject({ type: 'log', page: 3 })
    expect(filterKey(onPage3)).toBe(filterKey({ ...onPage3, page: 0 }))
    expect(filterKey(onPage3)).not.toBe(filterKey({ ...onPage3, window: '7d' }))
  })

  it('escapes LIKE wildcards in a name search', () => {
    expect(likePattern('50%_done\\')).toBe('%50\\%\\_done\\\\%')
  })
})

describe('matchesFilter (live rows)', () => {
  const now = Date.parse('2026-11-28T12:00:00Z')
  const row = { signal_type: 'trace', service_name: 'checkout', name: 'POST /Payments', otel_trace_id: '0af7651916cd43dd8448eb211c80319c', observed_at: '2026-11-28T11:59:00Z' }

  it('applies type, service, name (case-insensitive part), trace id prefix and window', () => {
    expect(matchesFilter(row, EMPTY_FILTER, now)).toBe(true)
    expect(matchesFilter(row, { ...EMPTY_FILTER, type: 'trace', service: 'checkout', name: 'payments', traceId: '0af765' }, now)).toBe(true)
    expect(matchesFilter(row, { ...EMPTY_FILTER, type: 'log' }, now)).toBe(false)
    expect(matchesFilter(row, { ...EMPTY_FILTER, service: 'ledger' }, now)).toBe(false)
    expect(matchesFilter(row, { ...EMPTY_FILTER, name: 'GET' }, now)).toBe(false)
    expect(matchesFilter(row, { ...EMPTY_FILTER, traceId: '1af7' }, now)).toBe(false)
    expect(matchesFilter({ ...row, observed_at: '2026-11-28T11:40:00Z' }, { ...EMPTY_FILTER, window: '15m' }, now)).toBe(false)
    expect(matchesFilter({ ...row, name: null, otel_trace_id: null }, { ...EMPTY_FILTER, name: 'x' }, now)).toBe(false)
  })
})
