import type { RealtimePostgresChangesPayload } from '@supabase/supabase-js'
import { useQueryClient, type QueryKey } from '@tanstack/react-query'
import { useEffect, useRef } from 'react'
import { onNextFrame } from './next-frame.ts'
import { supabase } from './supabase.ts'

export interface TableWatch {
  table: string
  /** A Realtime filter such as `project_id=eq.<id>`. */
  filter?: string
  event?: '*' | 'INSERT' | 'UPDATE' | 'DELETE'
}

let channelCount = 0

/**
 * Subscribes to row changes the database lets this user see (RLS decides) and calls `onChange` for each;
 * the channel is removed on unmount. `enabled: false` subscribes to nothing. `onSubscribed` runs each time the
 * channel (re)joins: changes made while no channel listened are not replayed, so callers catch up there.
 */
export function useTableChanges(
  watches: TableWatch[],
  onChange: (payload: RealtimePostgresChangesPayload<Record<string, unknown>>) => void,
  enabled = true,
  onSubscribed?: () => void,
): void {
  const handler = useRef(onChange)
  handler.current = onChange
  const joined = useRef(onSubscribed)
  joined.current = onSubscribed
  const signature = JSON.stringify(watches)
  useEffect(() => {
    if (!enabled) return
    const channel = supabase.channel(`changes-${++channelCount}`)
    for (const watch of JSON.parse(signature) as TableWatch[]) {
      channel.on('postgres_changes', { event: watch.event ?? '*', schema: 'public', table: watch.table, filter: watch.filter },
        (payload) => handler.current(payload as RealtimePostgresChangesPayload<Record<string, unknown>>))
    }
    channel.subscribe((status) => { if (status === 'SUBSCRIBED') joined.current?.() })
    return () => { void supabase.removeChannel(channel) }
  }, [signature, enabled])
}

/**
 * Refetches the given queries whenever one of the watched tables changes, and when the channel joins (cached
 * data from an earlier visit may predate changes nobody was listening for). Changes arriving together (a run
 * moving dozens of nodes in one tick) cause one refetch at the next frame, not one each.
 */
export function useLiveQueries(watches: TableWatch[], keys: QueryKey[], enabled = true): void {
  const queryClient = useQueryClient()
  const keysRef = useRef(keys)
  keysRef.current = keys
  const scheduled = useRef<(() => void) | null>(null)
  useEffect(() => () => scheduled.current?.(), [])
  const refetch = () => {
    scheduled.current = null
    for (const key of keysRef.current) void queryClient.invalidateQueries({ queryKey: key })
  }
  const soon = () => { scheduled.current ??= onNextFrame(refetch) }
  useTableChanges(watches, soon, enabled, refetch)
}
