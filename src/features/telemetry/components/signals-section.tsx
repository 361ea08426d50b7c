import { ArrowUp, Pause, Play } from 'lucide-react'
import { useEffect, useRef, useState } from 'react'
import { EmptyState, ErrorState, LoadingRows } from '../../../components/states.tsx'
import { Button } from '../../../components/ui/button.tsx'
import { useFacets } from '../api/get-facets.ts'
import { SIGNALS_PAGE_SIZE, useSignals } from '../api/list-signals.ts'
import { useLiveSignals } from '../api/use-live-signals.ts'
import { TIME_WINDOWS, type SignalFilter } from '../lib/signal-filter.ts'
import { SignalFilters } from './signal-filters.tsx'
import { SignalsTable } from './signals-table.tsx'

/** Whether an element is on screen (the top of the table: scrolled away, live rows are counted instead). */
function useOnScreen() {
  const ref = useRef<HTMLDivElement>(null)
  const [visible, setVisible] = useState(true)
  useEffect(() => {
    if (!ref.current || typeof IntersectionObserver === 'undefined') return
    const observer = new IntersectionObserver(([entry]) => setVisible(entry.isIntersecting))
    observer.observe(ref.current)
    return () => observer.disconnect()
  }, [])
  return { ref, visible }
}

/** Filters, the live switch and "N new", the signals table and its pages. */
export function SignalsSection({ projectId, filter, openTrace, onChange }: {
  projectId: string
  filter: SignalFilter
  openTrace: string | null
  onChange: (change: Partial<SignalFilter>) => void
}) {
  const [live, setLive] = useState(true)
  const top = useOnScreen()
  const signals = useSignals(projectId, filter)
  const facets = useFacets(projectId, filter.window)
  const { waiting, showWaiting } = useLiveSignals(projectId, filter, { live, atTop: top.visible, openTrace })
  const pages = Math.max(1, Math.ceil((signals.data?.total ?? 0) / SIGNALS_PAGE_SIZE))
  const goToNewest = () => {
    showWaiting()
    if (filter.page !== 0) onChange({ page: 0 })
    top.ref.current?.scrollIntoView({ block: 'nearest' })
  }
  const toggleLive = () => {
    if (!live && waiting > 0) goToNewest()
    setLive((on) => !on)
  }

  return (
    <section className="flex flex-col gap-3" aria-label="Signals section">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <SignalFilters filter={filter} services={facets.data?.services ?? []} onChange={onChange} />
        <div className="flex items-center gap-2">
          {waiting > 0 && (
            <Button size="sm" variant="secondary" onClick={goToNewest} data-testid="signals-waiting">
              <ArrowUp /> {waiting} new
            </Button>
          )}
          <Button size="sm" variant={live ? 'default' : 'outline'} aria-pressed={live} onClick={toggleLive} data-testid="live-toggle">
            {live ? <Pause /> : <Play />} {live ? 'Live' : 'Paused'}
          </Button>
        </div>
      </div>
      <div ref={top.ref} />
      {signals.isPending ? <LoadingRows rows={8} />
        : signals.isError ? <ErrorState error={signals.error} onRetry={() => void signals.refetch()} />
        : signals.data.rows.length === 0 ? (
          <div data-testid="signals-empty">
            <EmptyState title={`No signals in the ${TIME_WINDOWS[filter.window].label.toLowerCase()}`}
              description="Change the filters or the time window, or send telemetry with an ingest token (see docs/telemetry.md). Finished runs add their CI/CD spans here." />
          </div>
        )
        : <SignalsTable rows={signals.data.rows} selectedTrace={openTrace} />}
      <nav className="flex items-center justify-between gap-2 text-sm" aria-label="Signal pages">
        <span className="text-muted-foreground" data-testid="signals-total">
          {signals.data ? `${signals.data.total.toLocaleString('en')} signals` : ''}
        </span>
        <div className="flex items-center gap-2">
          <span className="text-muted-foreground">Page {filter.page + 1} of {pages}</span>
          <Button size="sm" variant="outline" disabled={filter.page === 0} onClick={() => onChange({ page: filter.page - 1 })}>Newer</Button>
          <Button size="sm" variant="outline" disabled={filter.page + 1 >= pages} onClick={() => onChange({ page: filter.page + 1 })}>Older</Button>
        </div>
      </nav>
    </section>
  )
}
