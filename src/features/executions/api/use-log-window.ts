import { useCallback, useEffect, useReducer, useRef, useState } from 'react'
import type { Enums } from '../../../integrations/supabase/types.ts'
import { supabase } from '../../../lib/supabase.ts'
import { LOG_LEVELS, PAGE_SIZE, PageCache, pageOf, type LogLine } from '../lib/log-window.ts'

type Level = Enums<'log_level'>

const MAX_IN_FLIGHT = 2
const SETTLE_MS = 40

interface Scope { executionId: string; nodeId: string; levels: readonly Level[] }

const levelsArg = (levels: readonly Level[]) => (levels.length === LOG_LEVELS.length ? {} : { _levels: [...levels] })

export async function countLines({ executionId, nodeId, levels }: Scope): Promise<number> {
  const { data, error } = await supabase.rpc('node_log_count', { _execution_id: executionId, _node_id: nodeId, ...levelsArg(levels) })
  if (error) throw error
  return Number(data)
}

/** One page of lines by position, or right after a known line (cheap anywhere in a long log). */
export async function fetchPage({ executionId, nodeId, levels }: Scope, page: number, afterId?: number): Promise<LogLine[]> {
  const { data, error } = await supabase.rpc('node_log_page', {
    _execution_id: executionId, _node_id: nodeId, _limit: PAGE_SIZE, ...levelsArg(levels),
    ...(afterId === undefined ? { _offset: page * PAGE_SIZE } : { _after_id: afterId }),
  })
  if (error) throw error
  return data as LogLine[]
}

export interface FoundLine { id: number; position: number; rank: number; matches: number }

/** The next (previous) line after (before) line `fromId` that contains `query`, wrapping round the log once. */
export async function findLine(scope: Scope, query: string, fromId: number | null, forward: boolean): Promise<FoundLine | null> {
  const ask = async (from: number | null) => {
    const { data, error } = await supabase.rpc('node_log_find', {
      _execution_id: scope.executionId, _node_id: scope.nodeId, _query: query, _forward: forward, ...levelsArg(scope.levels),
      ...(from === null ? {} : { _from_id: from }),
    })
    if (error) throw error
    const row = (data as Array<{ id: number; line_position: number; match_rank: number; matches: number }>)[0]
    return row ? { id: Number(row.id), position: Number(row.line_position), rank: Number(row.match_rank), matches: Number(row.matches) } : null
  }
  return (await ask(fromId)) ?? (fromId === null ? null : ask(null))
}

/**
 * A window onto one node's log of any length: how many lines there are, and the pages of lines around what is on
 * screen (at most MAX_PAGES held; `want` asks for pages, `line` reads one). New lines arrive over Realtime and
 * extend the log; those written while the channel was joining are counted once the end of the log has loaded.
 */
export function useLogWindow(executionId: string, nodeId: string, levels: readonly Level[]) {
  const levelsKey = levels.join(',')
  const scope = useRef<Scope>({ executionId, nodeId, levels })
  scope.current = { executionId, nodeId, levels }
  const cache = useRef(new PageCache())
  const inFlight = useRef(new Set<number>())
  // Bumped whenever the node or the levels change, so a page that arrives late for the old ones is dropped.
  const generation = useRef(0)
  const [total, setTotal] = useState<number | null>(null)
  const totalRef = useRef<number | null>(null)
  const [error, setError] = useState<unknown>(null)
  const [live, setLive] = useState(false)
  const [version, bump] = useReducer((n: number) => n + 1, 0)
  const [attempt, retry] = useReducer((n: number) => n + 1, 0)
  // Lines heard before the end of the log was read, and the newest id read so far (to drop those counted twice).
  const early = useRef<LogLine[] | null>([])
  const newest = useRef(0)

  const setTotalBoth = (n: number) => { totalRef.current = n; setTotal(n) }

  const addLive = useCallback((line: LogLine) => {
    if (line.id <= newest.current || totalRef.current === null) return
    newest.current = line.id
    cache.current.append(totalRef.current, line)
    setTotalBoth(totalRef.current + 1)
  }, [])

  useEffect(() => {
    let active = true
    generation.current++
    cache.current.clear()
    inFlight.current = new Set()
    early.current = []
    newest.current = 0
    totalRef.current = null
    setTotal(null)
    setError(null)
    const current = { executionId, nodeId, levels: levelsKey.split(',') as Level[] }
    const channel = supabase.channel(`node-logs-${executionId}-${nodeId}-${Math.random().toString(36).slice(2)}`)
      .on('postgres_changes', { event: 'INSERT', schema: 'public', table: 'execution_logs', filter: `execution_id=eq.${executionId}` }, (payload) => {
        const row = payload.new as LogLine & { node_id: string | null }
        if (!active || row.node_id !== nodeId || !current.levels.includes(row.level)) return
        if (early.current) early.current.push(row)
        else addLive(row)
      })
      .subscribe((status) => {
        if (!active) return
        setLive(status === 'SUBSCRIBED')
        if (status !== 'SUBSCRIBED') return
        // Counted after joining, so no line falls between the count and the stream.
        void countLines(current).then(async (n) => {
          if (!active) return
          const lastPage = n === 0 ? [] : await fetchPage(current, pageOf(n - 1))
          if (!active) return
          if (n > 0) cache.current.set(pageOf(n - 1), lastPage)
          newest.current = Math.max(newest.current, lastPage.at(-1)?.id ?? 0)
          setTotalBoth(n)
          const heard = early.current ?? []
          early.current = null
          for (const line of heard) addLive(line)
          bump()
        }).catch((e: unknown) => { if (active) setError(e) })
      })
    return () => {
      active = false
      void supabase.removeChannel(channel)
    }
  }, [executionId, nodeId, levelsKey, attempt, addLive])

  // The pages the view wants now. Fetches start a moment after the view stops moving and at most two at a time,
  // nearest first: a scrollbar dragged through a million lines must not queue a fetch for every place it passed.
  const wanted = useRef<readonly number[]>([])
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null)
  const pump = useCallback(() => {
    for (const page of wanted.current) {
      if (inFlight.current.size >= MAX_IN_FLIGHT) return
      if (cache.current.peek(page) || inFlight.current.has(page)) continue
      const pending = inFlight.current
      pending.add(page)
      const before = cache.current.peek(page - 1)
      const afterId = before?.length === PAGE_SIZE ? before[PAGE_SIZE - 1]!.id : undefined
      const asked = generation.current
      fetchPage(scope.current, page, afterId).then((lines) => {
        if (generation.current !== asked) return
        cache.current.set(page, lines, wanted.current)
        bump()
      }, (e: unknown) => { if (generation.current === asked) setError(e) }).finally(() => {
        pending.delete(page)
        if (generation.current === asked) pump()
      })
    }
  }, [])

  /** Asks for these pages (nearest first); those neither held nor on their way are fetched. */
  const want = useCallback((pages: readonly number[]) => {
    wanted.current = pages
    if (timer.current) clearTimeout(timer.current)
    timer.current = setTimeout(() => { timer.current = null; pump() }, SETTLE_MS)
  }, [pump])
  useEffect(() => () => { if (timer.current) clearTimeout(timer.current) }, [])

  const line = useCallback((index: number) => cache.current.line(index), [])
  return { total, error, live, version, want, line, retry, scope: () => scope.current }
}
