import { ArrowDown, Radio } from 'lucide-react'
import { useEffect, useLayoutEffect, useRef, useState } from 'react'
import { EmptyState, ErrorState, LoadingRows } from '../../../components/states.tsx'
import { Button } from '../../../components/ui/button.tsx'
import type { Enums } from '../../../integrations/supabase/types.ts'
import { cn } from '../../../lib/utils.ts'
import { useLogWindow } from '../api/use-log-window.ts'
import { contentHeight, isSimulatedLine, LOG_LEVELS, pagesAround, ROW_HEIGHT, scrollTopFor, visibleRange } from '../lib/log-window.ts'
import { LogDownload } from './log-download.tsx'
import { LogRow } from './log-row.tsx'
import { LogSearch, type SearchState } from './log-search.tsx'

type Level = Enums<'log_level'>

const VIEW_HEIGHT = 320

/**
 * The selected node's log, of any length: only the lines on screen are drawn, fetched a page at a time around
 * them, so a million lines scroll like a hundred. Follows the end (live lines arrive over Realtime) unless the
 * user scrolled up or jumped to a match; finds text (next / previous, highlighted); shows chosen levels only;
 * downloads the whole log.
 */
export function LogPanel({ executionId, nodeId, nodeLabel }: { executionId: string; nodeId: string; nodeLabel: string }) {
  const [levels, setLevels] = useState<Level[]>([...LOG_LEVELS])
  const log = useLogWindow(executionId, nodeId, levels)
  const scroller = useRef<HTMLDivElement>(null)
  const [scrollTop, setScrollTop] = useState(0)
  const [follow, setFollow] = useState(true)
  const [search, setSearch] = useState<SearchState>({ query: '', found: null })
  const total = log.total ?? 0

  // Another node or other levels: a new log, shown from its end (the scroller is drawn anew, at the top).
  useEffect(() => { setSearch({ query: '', found: null }) }, [executionId, nodeId])
  useEffect(() => { setSearch((s) => ({ ...s, found: null })) }, [levels])
  useEffect(() => { setFollow(true); setScrollTop(0) }, [executionId, nodeId, levels])

  // Following: the end stays in view as lines arrive.
  useLayoutEffect(() => {
    const el = scroller.current
    if (el && follow) el.scrollTop = el.scrollHeight
  }, [total, follow, log.total === null])

  const range = visibleRange(scrollTop, VIEW_HEIGHT, total)
  const pages = pagesAround(range, total)
  useEffect(() => { log.want(pages) }, [pages.join(','), log.want, log.version])

  const onScroll = () => {
    const el = scroller.current
    if (!el) return
    setScrollTop(el.scrollTop)
    setFollow(el.scrollHeight - el.scrollTop - el.clientHeight < ROW_HEIGHT)
  }
  const showLine = (position: number) => {
    const el = scroller.current
    if (!el) return
    setFollow(false)
    el.scrollTop = scrollTopFor(Math.max(0, position - 3), VIEW_HEIGHT, total)
    setScrollTop(el.scrollTop)
  }
  const toggleLevel = (level: Level) => setLevels((current) => {
    const next = current.includes(level) ? current.filter((l) => l !== level) : [...current, level]
    return next.length === 0 ? current : LOG_LEVELS.filter((l) => next.includes(l))
  })

  const rows = Array.from({ length: range.count }, (_, i) => range.first + i)
  const simulated = rows.some((i) => { const line = log.line(i); return line !== undefined && isSimulatedLine(line) })

  return (
    <section data-testid="log-panel" aria-label={`Logs of ${nodeLabel}`} className="flex min-w-0 flex-col rounded-md border bg-card">
      <header className="flex flex-wrap items-center gap-2 border-b px-3 py-2">
        <h2 className="text-sm font-semibold">Logs · {nodeLabel}</h2>
        {simulated && <span className="rounded bg-muted px-1.5 text-[11px] text-muted-foreground">simulated</span>}
        {log.total !== null && (
          <span className="text-[11px] text-muted-foreground tabular-nums" data-testid="log-total">
            {total.toLocaleString('en')} {total === 1 ? 'line' : 'lines'}{levels.length < LOG_LEVELS.length ? ` (${levels.join(', ')})` : ''}
          </span>
        )}
        <span className={cn('ml-auto flex items-center gap-1 text-[11px]', log.live ? 'text-success' : 'text-muted-foreground')} data-testid="log-live">
          <Radio className="size-3" aria-hidden />{log.live ? 'Live' : 'Connecting…'}
        </span>
      </header>
      <div className="flex flex-wrap items-center gap-2 border-b px-3 py-1.5">
        <LogSearch scope={log.scope} search={search} onChange={setSearch} onFound={(found) => showLine(found.position)} disabled={total === 0} />
        <div className="flex gap-1" role="group" aria-label="Levels shown">
          {LOG_LEVELS.map((level) => (
            <Button key={level} size="sm" variant={levels.includes(level) ? 'secondary' : 'ghost'} aria-pressed={levels.includes(level)}
              className="h-7 px-2 text-[11px] uppercase" onClick={() => toggleLevel(level)}>{level}</Button>
          ))}
        </div>
        <LogDownload executionId={executionId} nodeId={nodeId} levels={levels} total={total} />
      </div>
      {log.error !== null && <div className="p-3"><ErrorState error={log.error} onRetry={log.retry} /></div>}
      {log.error === null && log.total === null && <div className="p-3"><LoadingRows rows={4} /></div>}
      {log.error === null && log.total !== null && (
        <div className="relative">
          <div ref={scroller} onScroll={onScroll} style={{ height: VIEW_HEIGHT }} className="overflow-auto font-mono text-xs" role="log" aria-label="Log lines" data-testid="log-scroller">
            {total === 0
              ? <div className="p-3 font-sans"><EmptyState title="No log lines yet" description={levels.length < LOG_LEVELS.length ? 'None of the levels shown; choose more above.' : 'Lines appear here as the node writes them.'} /></div>
              : (
                <div className="relative" style={{ height: contentHeight(total) }}>
                  <div className="absolute inset-x-0 min-w-max" style={{ top: range.top }}>
                    {rows.map((i) => <LogRow key={i} index={i} line={log.line(i)} query={search.query} current={search.found?.position === i} />)}
                  </div>
                </div>
              )}
          </div>
          {!follow && total > 0 && (
            <Button size="sm" variant="secondary" className="absolute right-5 bottom-3 shadow" onClick={() => setFollow(true)}>
              <ArrowDown /> Follow
            </Button>
          )}
        </div>
      )}
    </section>
  )
}
