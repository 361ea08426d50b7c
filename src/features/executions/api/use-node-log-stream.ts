import { useCallback, useEffect, useReducer, useRef } from 'react'
import { supabase } from '../../../lib/supabase.ts'
import { appendLines, emptyBuffer, oldestId, prependLines, type LogBuffer, type LogLine } from '../lib/log-buffer.ts'
import { fetchLogPageBefore, fetchLogsAfter } from './fetch-node-logs.ts'

interface State {
  buffer: LogBuffer
  status: 'loading' | 'ready' | 'error'
  error: unknown
  live: boolean
  loadingEarlier: boolean
}

type Action =
  | { type: 'reset' }
  | { type: 'history'; lines: LogLine[]; hasEarlier: boolean }
  | { type: 'append'; lines: LogLine[] }
  | { type: 'earlier-start' }
  | { type: 'earlier'; lines: LogLine[]; hasEarlier: boolean }
  | { type: 'failed'; error: unknown }
  | { type: 'live'; live: boolean }

const initial: State = { buffer: emptyBuffer(), status: 'loading', error: null, live: false, loadingEarlier: false }

function reduce(state: State, action: Action): State {
  switch (action.type) {
    case 'reset': return initial
    case 'history': return { ...state, status: 'ready', buffer: { ...appendLines(state.buffer, action.lines), hasEarlier: action.hasEarlier } }
    case 'append': return { ...state, buffer: appendLines(state.buffer, action.lines) }
    case 'earlier-start': return { ...state, loadingEarlier: true }
    case 'earlier': return { ...state, loadingEarlier: false, buffer: prependLines(state.buffer, action.lines, action.hasEarlier) }
    case 'failed': return { ...state, status: state.status === 'ready' ? 'ready' : 'error', error: action.error, loadingEarlier: false }
    case 'live': return { ...state, live: action.live }
  }
}

/**
 * A node's log lines: the newest page of history from fetch-node-logs, then new lines from Realtime
 * (execution_logs of the run, filtered to the node here), in a bounded buffer. Lines written while the channel
 * was joining are fetched once it has joined, so none is missed; duplicates merge by id.
 */
export function useNodeLogStream(executionId: string, nodeId: string) {
  const [state, dispatch] = useReducer(reduce, initial)
  const bufferRef = useRef(state.buffer)
  bufferRef.current = state.buffer
  const [attempt, retry] = useReducer((n: number) => n + 1, 0)

  useEffect(() => {
    let active = true
    // Where the history page ended (read here, not from state, which lags a render behind): the catch-up
    // after joining starts there, so a line written before the channel joined is fetched even if live ones came.
    let historyEnd = 0
    dispatch({ type: 'reset' })
    const history = fetchLogPageBefore(executionId, nodeId).then(
      (page) => { if (active) { historyEnd = page.lines.at(-1)?.id ?? 0; dispatch({ type: 'history', lines: page.lines, hasEarlier: page.hasEarlier }) } },
      (error) => { if (active) dispatch({ type: 'failed', error }) },
    )
    const channel = supabase.channel(`node-logs-${executionId}-${nodeId}-${Math.random().toString(36).slice(2)}`)
      .on('postgres_changes', { event: 'INSERT', schema: 'public', table: 'execution_logs', filter: `execution_id=eq.${executionId}` }, (payload) => {
        const row = payload.new as LogLine & { node_id: string | null }
        if (active && row.node_id === nodeId) dispatch({ type: 'append', lines: [row] })
      })
      .subscribe((status) => {
        if (!active) return
        dispatch({ type: 'live', live: status === 'SUBSCRIBED' })
        if (status !== 'SUBSCRIBED') return
        void history.then(() => active ? fetchLogsAfter(executionId, nodeId, historyEnd) : [])
          .then((lines) => { if (active) dispatch({ type: 'append', lines }) })
          .catch(() => { /* the history error already shows */ })
      })
    return () => {
      active = false
      void supabase.removeChannel(channel)
    }
  }, [executionId, nodeId, attempt])

  const loadEarlier = useCallback(async () => {
    const before = oldestId(bufferRef.current)
    dispatch({ type: 'earlier-start' })
    try {
      const page = await fetchLogPageBefore(executionId, nodeId, before)
      dispatch({ type: 'earlier', lines: page.lines, hasEarlier: page.hasEarlier })
    } catch (error) {
      dispatch({ type: 'failed', error })
    }
  }, [executionId, nodeId])

  return { ...state, loadEarlier, retry }
}
