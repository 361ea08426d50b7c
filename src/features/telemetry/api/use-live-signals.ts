import { useQueryClient } from '@tanstack/react-query'
import { useEffect, useRef, useState } from 'react'
import { queryKeys } from '../../../lib/query-keys.ts'
import { useTableChanges } from '../../../lib/realtime.ts'
import { prependLive } from '../lib/live-rows.ts'
import { filterKey, matchesFilter, type SignalFilter } from '../lib/signal-filter.ts'
import { SIGNALS_PAGE_SIZE, signalFromRecord, type SignalRow, type SignalsData } from './list-signals.ts'

const FLUSH_MS = 250

interface LiveOptions {
  /** Live on: new rows go into the first page as they arrive. Off (paused): they are only counted. */
  live: boolean
  /** The top of the table is on screen; when scrolled away, rows are counted instead of moving the table. */
  atTop: boolean
  /** The trace open in the waterfall, refreshed when spans of it arrive. */
  openTrace: string | null
}

/**
 * Streams the project's new signals (Realtime INSERTs under RLS). Matching rows are put on top of the cached
 * first page in batches (no refetch per row) while live, at the top and on page 1; otherwise they are counted
 * in `waiting`, and `showWaiting()` reloads. Spans of the open trace refresh its waterfall.
 */
export function useLiveSignals(projectId: string, filter: SignalFilter, { live, atTop, openTrace }: LiveOptions) {
  const queryClient = useQueryClient()
  const [waiting, setWaiting] = useState(0)
  const buffer = useRef<SignalRow[]>([])
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null)
  const traceTouched = useRef(false)
  const state = useRef({ filter, live, atTop, openTrace })
  state.current = { filter, live, atTop, openTrace }

  const flush = () => {
    timer.current = null
    const { filter: current, live: isLive, atTop: top, openTrace: trace } = state.current
    const rows = buffer.current.splice(0)
    if (traceTouched.current && trace) void queryClient.invalidateQueries({ queryKey: queryKeys.telemetry.trace(projectId, trace) })
    traceTouched.current = false
    if (rows.length === 0) return
    const key = queryKeys.telemetry.signalPage(projectId, filterKey(current), 0)
    if (isLive && top && current.page === 0 && queryClient.getQueryData(key)) {
      queryClient.setQueryData<SignalsData>(key, (page) => (page ? prependLive(page, rows, SIGNALS_PAGE_SIZE) : page))
    } else setWaiting((n) => n + rows.length)
  }

  useTableChanges([{ table: 'telemetry_signals', filter: `project_id=eq.${projectId}`, event: 'INSERT' }], (payload) => {
    const row = signalFromRecord(payload.new as Record<string, unknown>)
    const { filter: current, openTrace: trace } = state.current
    if (trace && row.signal_type === 'trace' && row.otel_trace_id === trace) traceTouched.current = true
    if (matchesFilter(row, current, Date.now())) buffer.current.push(row)
    timer.current ??= setTimeout(flush, FLUSH_MS)
  }, true, () => {
    // Rows written before the channel joined (or while it was reconnecting) are not replayed: reload instead.
    void queryClient.invalidateQueries({ queryKey: queryKeys.telemetry.signals(projectId) })
  })

  useEffect(() => () => { if (timer.current) clearTimeout(timer.current) }, [])
  // A different filter or project starts counting afresh (its own query is loaded from the database).
  const signature = `${projectId}:${filterKey(filter)}`
  useEffect(() => { setWaiting(0); buffer.current = [] }, [signature])

  const showWaiting = () => {
    setWaiting(0)
    void queryClient.invalidateQueries({ queryKey: queryKeys.telemetry.signals(projectId) })
  }
  return { waiting, showWaiting }
}
