import { describe, expect, it } from 'vitest'
import { attachmentName, formatBytes, rowCounter } from './export-progress.ts'

const bytes = (text: string) => new TextEncoder().encode(text)

/** Feeds `text` split at every position into two chunks, and at single bytes: the count must not depend on chunking. */
function countAllWays(format: 'csv' | 'json', text: string): number[] {
  const whole = bytes(text)
  const counts = new Set<number>()
  for (let cut = 0; cut <= whole.length; cut++) {
    const counter = rowCounter(format)
    counter.feed(whole.subarray(0, cut))
    counts.add(counter.feed(whole.subarray(cut)))
  }
  const single = rowCounter(format)
  for (const byte of whole) single.feed(new Uint8Array([byte]))
  counts.add(single.rows)
  return [...counts]
}

describe('rowCounter', () => {
  it('counts CSV records, not the header nor line breaks inside quotes, however the chunks fall', () => {
    const csv = 'id,resource_id\r\n1,plain\r\n2,"two\r\nlines, ""quoted"""\r\n3,x\r\n'
    expect(countAllWays('csv', csv)).toEqual([3])
    expect(countAllWays('csv', 'id,resource_id\r\n')).toEqual([0])
  })

  it('counts JSON rows one per line, however the chunks fall', () => {
    const json = '[\n{"id":1,"after":{"a":"{x}"}},\n{"id":2},\n{"id":3}\n]\n'
    expect(countAllWays('json', json)).toEqual([3])
    expect(countAllWays('json', '[]\n')).toEqual([0])
  })
})

describe('attachmentName and formatBytes', () => {
  it('reads the file name the function chose', () => {
    expect(attachmentName('attachment; filename="audit-acme-start-to-2026-12-04.csv"', 'x.csv')).toBe('audit-acme-start-to-2026-12-04.csv')
    expect(attachmentName(null, 'audit.json')).toBe('audit.json')
  })
  it('shows sizes as a browser does', () => {
    expect([formatBytes(512), formatBytes(48_200), formatBytes(56_404_425)]).toEqual(['512 B', '48.2 kB', '56.4 MB'])
  })
})
