import { describe, expect, it } from 'vitest'
import { createEventReader } from './analysis-events.ts'

describe('createEventReader', () => {
  it('yields each event once it is complete, across arbitrary chunk boundaries', () => {
    const read = createEventReader()
    const stream = 'event: analysis\ndata: {"analysis_id":"a1","analyzer":"model","model":"m","summary":"s","findings":[]}\n\n'
      + 'event: delta\ndata: {"text":"Hel"}\n\nevent: delta\r\ndata: {"text":"lo"}\r\n\r\nevent: done\ndata: {"analysis_id":"a1","usage":{}}\n\n'
    const seen = [stream.slice(0, 30), stream.slice(30, 131), stream.slice(131, 140), stream.slice(140)].flatMap(read)
    expect(seen.map((e) => e.event)).toEqual(['analysis', 'delta', 'delta', 'done'])
    expect(seen.filter((e) => e.event === 'delta').map((e) => (e.data as { text: string }).text).join('')).toBe('Hello')
  })

  it('skips unknown and malformed events and keeps going', () => {
    const read = createEventReader()
    expect(read(': ping\n\nevent: other\ndata: {}\n\nevent: delta\ndata: {oops\n\nevent: delta\ndata: {"text":"ok"}\n\n'))
      .toEqual([{ event: 'delta', data: { text: 'ok' } }])
  })
})
