import { describe, expect, it } from 'vitest'
import { parseFilter, searchParamsObject, timeRange } from './filters.ts'
import { COLUMNS, csvField, exportFilename, writer, type ExportRow } from './format.ts'

const ORG = '10000000-0000-4000-a000-000000000001'
const row = (id: number, extra: Partial<ExportRow> = {}): ExportRow => ({
  ...Object.fromEntries(COLUMNS.map((c) => [c, null])) as ExportRow,
  id, action: 'update', resource_type: 'environment_locks', hash: `h${id}`, ...extra,
})

describe('csvField (RFC 4180)', () => {
  it.each([
    [null, ''], [undefined, ''], ['plain', 'plain'], [42, '42'], [true, 'true'],
    ['a,b', '"a,b"'], ['say "hi"', '"say ""hi"""'], ['two\nlines', '"two\nlines"'], ['cr\r\nlf', '"cr\r\nlf"'],
    [{ reason: 'x, "y"' }, '"{""reason"":""x, \\""y\\""""}"'], [[1, 2], '"[1,2]"'],
  ])('%j → %s', (value, expected) => {
    expect(csvField(value)).toBe(expected)
  })
})

describe('writer', () => {
  it('writes a CSV header once and one CRLF record per row, whatever the pages', () => {
    const out = writer('csv')
    const text = out.start() + out.page([row(1), row(2)]) + out.page([]) + out.page([row(3, { resource_id: 'a,b' })]) + out.end()
    const lines = text.split('\r\n')
    expect(lines[0]).toBe(COLUMNS.join(','))
    expect(lines).toHaveLength(5) // header, 3 rows, and the empty string after the last CRLF
    expect(lines[3]).toContain('"a,b"')
    expect(out.rows).toBe(3)
  })

  it('joins JSON pages into one array that parses, columns in order', () => {
    const out = writer('json')
    const text = out.start() + out.page([row(1)]) + out.page([row(2), row(3, { after: { a: 1 } })]) + out.end()
    const parsed = JSON.parse(text)
    expect(parsed.map((r: ExportRow) => r.id)).toEqual([1, 2, 3])
    expect(Object.keys(parsed[0])).toEqual([...COLUMNS])
    expect(parsed[2].after).toEqual({ a: 1 })
  })

  it('writes an empty array and a header-only CSV when nothing matches', () => {
    const json = writer('json')
    expect(JSON.parse(json.start() + json.page([]) + json.end())).toEqual([])
    const csv = writer('csv')
    expect(csv.start() + csv.end()).toBe(`${COLUMNS.join(',')}\r\n`)
  })
})

describe('parseFilter', () => {
  it('accepts the documented filters, defaults to CSV and drops empty values', () => {
    const parsed = parseFilter({ organization_id: ORG, action: '', actor: 'system', environment: ORG, from: '2026-11-01', to: '2026-11-30' })
    expect(parsed).toMatchObject({ ok: true, filter: { format: 'csv', actor: 'system' }, range: { from: '2026-11-01T00:00:00.000Z', to: '2026-12-01T00:00:00.000Z' } })
    expect(parsed.ok && 'action' in parsed.filter).toBe(false)
  })

  it.each([
    [{}, 'organization_id'],
    [{ organization_id: 'acme' }, 'organization_id'],
    [{ organization_id: ORG, format: 'xml' }, 'format'],
    [{ organization_id: ORG, actor: 'alice' }, 'actor'],
    [{ organization_id: ORG, from: '2026-13-01' }, 'from'],
    [{ organization_id: ORG, from: '2026-12-02T00:00:00Z', to: '2026-12-01T00:00:00Z' }, 'to'],
    [{ organization_id: ORG, from: '2026-12-01', to: '2026-12-01T00:00:00Z' }, 'to'],
    [{ organization_id: ORG, page: '2' }, 'unknown filter page'],
    [{ organization_id: ORG, action: 'x'.repeat(101) }, 'action'],
  ])('refuses %j, naming %s', (raw, field) => {
    const parsed = parseFilter(raw)
    expect(parsed.ok).toBe(false)
    if (!parsed.ok) expect(parsed.message).toContain(field)
  })

  it('reads a whole day for a date-only range, and instants as given', () => {
    expect(timeRange({ from: '2026-12-01', to: '2026-12-01' })).toEqual({ from: '2026-12-01T00:00:00.000Z', to: '2026-12-02T00:00:00.000Z' })
    expect(timeRange({ from: '2026-12-01T10:00:00+02:00' })).toEqual({ from: '2026-12-01T08:00:00.000Z', to: undefined })
  })

  it('refuses a query parameter given twice', () => {
    expect(searchParamsObject(new URLSearchParams('action=a&action=b')).repeated).toBe('action')
    expect(searchParamsObject(new URLSearchParams('action=a&format=csv'))).toEqual({ value: { action: 'a', format: 'csv' } })
  })
})

describe('exportFilename', () => {
  const now = new Date('2026-12-04T15:00:00Z')
  it('names the organization and the days the range covers', () => {
    expect(exportFilename('acme', timeRange({ from: '2026-11-01', to: '2026-11-30' }), 'csv', now)).toBe('audit-acme-2026-11-01-to-2026-11-30.csv')
    expect(exportFilename('acme', timeRange({ from: '2026-11-01T10:00:00Z', to: '2026-11-02T10:00:00Z' }), 'json', now)).toBe('audit-acme-2026-11-01-to-2026-11-02.json')
    expect(exportFilename('acme', {}, 'json', now)).toBe('audit-acme-start-to-2026-12-04.json')
  })
  it('keeps only safe characters of the slug', () => {
    expect(exportFilename('Acme "Corp"/eu', {}, 'csv', now)).toBe('audit-acme-corp-eu-start-to-2026-12-04.csv')
  })
})
