import { memo } from 'react'
import { cn } from '../../../lib/utils.ts'
import { isSimulatedLine, matchRanges, ROW_HEIGHT, type LogLine } from '../lib/log-window.ts'

const levelClass: Record<LogLine['level'], string> = {
  debug: 'text-muted-foreground',
  info: 'text-foreground',
  warn: 'text-warning',
  error: 'text-destructive',
}

/** The message with each occurrence of `query` marked. */
function Highlighted({ text, query }: { text: string; query: string }) {
  const ranges = matchRanges(text, query)
  if (ranges.length === 0) return <>{text}</>
  const parts: React.ReactNode[] = []
  let at = 0
  for (const [start, end] of ranges) {
    if (start > at) parts.push(text.slice(at, start))
    parts.push(<mark key={start} className="rounded-sm bg-warning/30 text-inherit">{text.slice(start, end)}</mark>)
    at = end
  }
  parts.push(text.slice(at))
  return <>{parts}</>
}

/** One line of a windowed log, one row high; a line whose page has not arrived yet shows as a placeholder. */
export const LogRow = memo(function LogRow({ index, line, query, current }: { index: number; line: LogLine | undefined; query: string; current: boolean }) {
  if (!line) {
    return <div className="flex items-center px-3 text-muted-foreground/60" style={{ height: ROW_HEIGHT }} data-line={index} aria-busy>…</div>
  }
  return (
    <div
      className={cn('flex items-center gap-3 px-3 whitespace-pre hover:bg-muted/40', levelClass[line.level], current && 'bg-warning/15')}
      style={{ height: ROW_HEIGHT }} data-line={index} data-level={line.level} data-current={current || undefined}
    >
      <span className="w-14 shrink-0 text-right text-muted-foreground/70 tabular-nums">{(index + 1).toLocaleString('en')}</span>
      <time className="shrink-0 text-muted-foreground" dateTime={line.created_at}>{new Date(line.created_at).toLocaleTimeString()}</time>
      <span className="w-10 shrink-0 uppercase">{line.level}</span>
      <span data-testid="log-message"><Highlighted text={line.message} query={query} /></span>
      {isSimulatedLine(line) && <span className="ml-auto shrink-0 pl-3 text-muted-foreground" title="Written by the simulated executor">simulated</span>}
    </div>
  )
})
