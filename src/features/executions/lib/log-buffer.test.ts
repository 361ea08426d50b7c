import { describe, expect, it } from 'vitest'
import { appendLines, canLoadEarlier, emptyBuffer, isSimulatedLine, LOG_LIMIT, LOG_MAX, newestId, oldestId, prependLines, type LogLine } from './log-buffer.ts'

const line = (id: number, metadata: LogLine['metadata'] = null): LogLine =>
  ({ id, level: 'info', message: `line ${id}`, metadata, created_at: '2026-11-28T10:00:00Z' })
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => line(from + i))

describe('the log buffer', () => {
  it('keeps lines in id order and shows a line that arrives twice (history and live) once', () => {
    let buffer = appendLines(emptyBuffer(), [line(3), line(1)])
    buffer = appendLines(buffer, [line(2), line(3), line(4)])
    expect(buffer.lines.map((l) => l.id)).toEqual([1, 2, 3, 4])
    expect(oldestId(buffer)).toBe(1)
    expect(newestId(buffer)).toBe(4)
  })

  it('drops the oldest lines past the limit while following live, and says earlier lines exist', () => {
    const buffer = appendLines(emptyBuffer(), range(1, LOG_LIMIT + 5))
    expect(buffer.lines).toHaveLength(LOG_LIMIT)
    expect(buffer.lines[0].id).toBe(6)
    expect(buffer.lines.at(-1)!.id).toBe(LOG_LIMIT + 5)
    expect(buffer.hasEarlier).toBe(true)
    expect(canLoadEarlier(buffer)).toBe(true)
  })

  it('grows to fit an earlier page the user asked for, so it is not dropped by the next live line', () => {
    let buffer = appendLines(emptyBuffer(), range(201, 200 + LOG_LIMIT))
    buffer = prependLines(buffer, range(1, 200), false)
    expect(buffer.lines).toHaveLength(LOG_LIMIT + 200)
    expect(buffer.lines[0].id).toBe(1)
    expect(buffer.hasEarlier).toBe(false)
    buffer = appendLines(buffer, [line(2000)])
    expect(buffer.lines[0].id).toBe(2)
  })

  it('stops growing at the maximum', () => {
    let buffer = appendLines(emptyBuffer(), range(LOG_MAX + 1, LOG_MAX + LOG_LIMIT))
    for (let end = LOG_MAX; end > 0; end -= 1000) buffer = prependLines(buffer, range(end - 999, end), end > 1000)
    expect(buffer.lines.length).toBe(LOG_MAX)
    expect(buffer.lines.at(-1)!.id).toBe(LOG_MAX + LOG_LIMIT)
    expect(canLoadEarlier(buffer)).toBe(false)
  })

  it('an empty buffer has nothing earlier and a cursor of 0', () => {
    expect(canLoadEarlier(emptyBuffer())).toBe(false)
    expect(newestId(emptyBuffer())).toBe(0)
    expect(appendLines(emptyBuffer(), []).lines).toEqual([])
  })

  it('recognises lines the simulated executor wrote', () => {
    expect(isSimulatedLine(line(1, { simulated: true }))).toBe(true)
    expect(isSimulatedLine(line(1, { simulated: false }))).toBe(false)
    expect(isSimulatedLine(line(1, null))).toBe(false)
    expect(isSimulatedLine(line(1, ['simulated']))).toBe(false)
  })
})
