import { ArrowDown, Radio } from 'lucide-react'
import { useEffect, useLayoutEffect, useRef, useState } from 'react'
import { EmptyState, ErrorState, LoadingRows } from '../../../components/states.tsx'
import { Button } from '../../../components/ui/button.tsx'
import { cn } from '../../../lib/utils.ts'
import { useNodeLogStream } from '../api/use-node-log-stream.ts'
import { canLoadEarlier, isSimulatedLine, LOG_MAX, type LogLine } from '../lib/log-buffer.ts'

const levelClass: Record<LogLine['level'], string> = {
  debug: 'text-muted-foreground',
  info: 'text-foreground',
  warn: 'text-warning',
  error: 'text-destructive',
}

/**
 * The selected node's log: history, then live lines. Follows the end unless the user scrolled up; "Load earlier"
 * keeps the view where it was.
 */
export function LogPanel({ executionId, nodeId, nodeLabel }: { executionId: string; nodeId: string; nodeLabel: string }) {
  const stream = useNodeLogStream(executionId, nodeId)
  const scroller = useRef<HTMLDivElement>(null)
  const [follow, setFollow] = useState(true)
  const anchor = useRef<{ height: number; top: number } | null>(null)
  const lines = stream.buffer.lines

  useEffect(() => setFollow(true), [executionId, nodeId])

  useLayoutEffect(() => {
    const el = scroller.current
    if (!el) return
    if (anchor.current) {
      el.scrollTop = anchor.current.top + (el.scrollHeight - anchor.current.height)
      anchor.current = null
    } else if (follow) {
      el.scrollTop = el.scrollHeight
    }
  }, [lines, follow])

  const onScroll = () => {
    const el = scroller.current
    if (el) setFollow(el.scrollHeight - el.scrollTop - el.clientHeight < 24)
  }
  const loadEarlier = () => {
    const el = scroller.current
    if (el) anchor.current = { height: el.scrollHeight, top: el.scrollTop }
    void stream.loadEarlier()
  }
  const simulated = lines.some(isSimulatedLine)

  return (
    <section data-testid="log-panel" aria-label={`Logs of ${nodeLabel}`} className="flex flex-col rounded-md border bg-card">
      <header className="flex items-center gap-2 border-b px-3 py-2">
        <h2 className="text-sm font-semibold">Logs · {nodeLabel}</h2>
        {simulated && <span className="rounded bg-muted px-1.5 text-[11px] text-muted-foreground">simulated</span>}
        <span className={cn('ml-auto flex items-center gap-1 text-[11px]', stream.live ? 'text-success' : 'text-muted-foreground')} data-testid="log-live">
          <Radio className="size-3" aria-hidden />{stream.live ? 'Live' : 'Connecting…'}
        </span>
      </header>
      {stream.status === 'loading' && <div className="p-3"><LoadingRows rows={4} /></div>}
      {stream.status === 'error' && <div className="p-3"><ErrorState error={stream.error} onRetry={stream.retry} /></div>}
      {stream.status === 'ready' && (
        <div className="relative">
          <div ref={scroller} onScroll={onScroll} className="h-80 overflow-auto font-mono text-xs leading-5" role="log" aria-live="polite" aria-label="Log lines">
            {canLoadEarlier(stream.buffer) && (
              <div className="sticky top-0 flex justify-center bg-card/90 py-1">
                <Button size="sm" variant="ghost" disabled={stream.loadingEarlier} onClick={loadEarlier}>
                  {stream.loadingEarlier ? 'Loading…' : 'Load earlier'}
                </Button>
              </div>
            )}
            {stream.buffer.hasEarlier && !canLoadEarlier(stream.buffer) && (
              <p className="px-3 py-1 text-muted-foreground">Showing the newest {LOG_MAX.toLocaleString()} lines.</p>
            )}
            {lines.length === 0
              ? <div className="p-3 font-sans"><EmptyState title="No log lines yet" description="Lines appear here as the node writes them." /></div>
              : lines.map((line) => <LogRow key={line.id} line={line} />)}
          </div>
          {!follow && lines.length > 0 && (
            <Button size="sm" variant="secondary" className="absolute right-3 bottom-3 shadow" onClick={() => setFollow(true)}>
              <ArrowDown /> Follow
            </Button>
          )}
        </div>
      )}
    </section>
  )
}

function LogRow({ line }: { line: LogLine }) {
  return (
    <div className={cn('flex gap-3 px-3 hover:bg-muted/40', levelClass[line.level])} data-level={line.level}>
      <time className="shrink-0 text-muted-foreground" dateTime={line.created_at}>{new Date(line.created_at).toLocaleTimeString()}</time>
      <span className="w-10 shrink-0 uppercase">{line.level}</span>
      <span className="break-all whitespace-pre-wrap">{line.message}</span>
      {isSimulatedLine(line) && <span className="ml-auto shrink-0 text-muted-foreground" title="Written by the simulated executor">simulated</span>}
    </div>
  )
}
