// Reads ai-insights' server-sent events in the browser: chunks of text in, complete events out, whatever the
// chunk boundaries. Pure, so it is tested without a network.

export interface AnalysisFinding {
  severity: 'info' | 'warning' | 'critical'
  message: string
  node_id?: string
  kind?: string
}

export type AnalysisEvent =
  | { event: 'analysis'; data: { analysis_id: string; analyzer: string; model: string; summary: string; findings: AnalysisFinding[] } }
  | { event: 'delta'; data: { text: string } }
  | { event: 'done'; data: { analysis_id: string; usage: { prompt_tokens: number | null; completion_tokens: number | null; total_tokens: number | null } } }
  | { event: 'error'; data: { error: { code: string; message: string } } }

const KNOWN = new Set(['analysis', 'delta', 'done', 'error'])

/** Feeds text chunks; returns the events completed by each chunk. */
export function createEventReader() {
  let buffer = ''
  return (chunk: string): AnalysisEvent[] => {
    buffer = (buffer + chunk).replace(/\r\n?/g, '\n')
    const events: AnalysisEvent[] = []
    let end: number
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, end)
      buffer = buffer.slice(end + 2)
      let name = 'message'
      const data: string[] = []
      for (const line of block.split('\n')) {
        if (line.startsWith('event:')) name = line.slice(6).trim()
        else if (line.startsWith('data:')) data.push(line.slice(5).replace(/^ /, ''))
      }
      if (!KNOWN.has(name) || data.length === 0) continue
      try {
        events.push({ event: name, data: JSON.parse(data.join('\n')) } as AnalysisEvent)
      } catch {
        // A malformed event is skipped rather than ending the stream.
      }
    }
    return events
  }
}
