import type { Enums, Json } from '../../../integrations/supabase/types.ts'

export interface LogLine {
  id: number
  level: Enums<'log_level'>
  message: string
  metadata: Json | null
  created_at: string
}

/** How many lines the panel keeps while following live; each "Load earlier" raises it by a page, up to MAX. */
export const LOG_PAGE = 200
export const LOG_LIMIT = 1000
export const LOG_MAX = 10_000

export interface LogBuffer {
  lines: LogLine[]
  /** Lines older than the first one exist (on the server, or dropped from the buffer). */
  hasEarlier: boolean
  limit: number
}

export const emptyBuffer = (): LogBuffer => ({ lines: [], hasEarlier: false, limit: LOG_LIMIT })

/** Merges by id (a line that arrives twice, from history and live, shows once), oldest first. */
function merge(a: readonly LogLine[], b: readonly LogLine[]): LogLine[] {
  const byId = new Map<number, LogLine>()
  for (const line of a) byId.set(line.id, line)
  for (const line of b) byId.set(line.id, line)
  return [...byId.values()].sort((x, y) => x.id - y.id)
}

/** New lines (live or a catch-up page): kept in order; past the limit the oldest are dropped. */
export function appendLines(buffer: LogBuffer, incoming: readonly LogLine[]): LogBuffer {
  if (incoming.length === 0) return buffer
  const lines = merge(buffer.lines, incoming)
  if (lines.length <= buffer.limit) return { ...buffer, lines }
  return { ...buffer, lines: lines.slice(lines.length - buffer.limit), hasEarlier: true }
}

/** An earlier page the user asked for: the buffer grows by up to a page so the new lines are not dropped at once. */
export function prependLines(buffer: LogBuffer, earlier: readonly LogLine[], serverHasEarlier: boolean): LogBuffer {
  const limit = Math.min(LOG_MAX, Math.max(buffer.limit, buffer.lines.length + earlier.length))
  const lines = merge(earlier, buffer.lines)
  const kept = lines.length <= limit ? lines : lines.slice(lines.length - limit)
  return { lines: kept, limit, hasEarlier: serverHasEarlier || kept.length < lines.length }
}

/** Whether "Load earlier" can add anything. */
export const canLoadEarlier = (buffer: LogBuffer) => buffer.hasEarlier && buffer.limit < LOG_MAX

export const newestId = (buffer: LogBuffer) => buffer.lines.at(-1)?.id ?? 0
export const oldestId = (buffer: LogBuffer) => buffer.lines[0]?.id

/** Lines the simulated executor wrote carry metadata {simulated: true}. */
export function isSimulatedLine(line: Pick<LogLine, 'metadata'>): boolean {
  const meta = line.metadata
  return typeof meta === 'object' && meta !== null && !Array.isArray(meta) && meta.simulated === true
}
