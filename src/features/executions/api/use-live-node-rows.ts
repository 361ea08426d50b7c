import { useQueryClient } from '@tanstack/react-query'
import { useEffect, useRef } from 'react'
import { queryKeys } from '../../../lib/query-keys.ts'
import { onFrameAfter, onNextFrame } from '../../../lib/next-frame.ts'
import { useTableChanges } from '../../../lib/realtime.ts'
import { mergeNodeRows, type NodeChange } from '../lib/merge-node-rows.ts'
import type { ExecutionNodeRow } from './list-execution-nodes.ts'

/** Past this many nodes, live updates are gathered for LARGE_RUN_BATCH_MS before the frame that applies them. */
const LARGE_RUN_ROWS = 300
const LARGE_RUN_BATCH_MS = 250

const schedule = (fn: () => void, large: boolean) => (large ? onFrameAfter(LARGE_RUN_BATCH_MS, fn) : onNextFrame(fn))

/**
 * Keeps a run's node rows live without refetching them: each Realtime UPDATE carries the changed row, and every
 * change that arrives within one animation frame is applied to the cached list in one go (a large run moves
 * dozens of nodes per engine tick; one render per frame instead of one refetch of thousands of rows per change;
 * a background tab, which gets no frames, applies them every 100 ms). A run of hundreds of nodes gathers them for
 * a quarter of a second, so the frames in between (panning) do not pay for a re-render.
 * Inserts, deletes, a change for a node not in the list, and (re)joining the channel refetch the list instead.
 */
export function useLiveNodeRows(executionId: string, enabled = true): void {
  const queryClient = useQueryClient()
  const pending = useRef<NodeChange[]>([])
  const refetch = useRef(false)
  const frame = useRef<(() => void) | null>(null)
  const key = queryKeys.executions.nodes(executionId)

  const flush = () => {
    frame.current = null
    const batch = pending.current
    pending.current = []
    const rows = refetch.current ? undefined : queryClient.getQueryData<ExecutionNodeRow[]>(key)
    refetch.current = false
    const merged = rows && mergeNodeRows(rows, batch)
    if (merged) queryClient.setQueryData(key, merged)
    else void queryClient.invalidateQueries({ queryKey: key })
  }

  useEffect(() => () => frame.current?.(), [])

  useTableChanges(
    [{ table: 'execution_nodes', filter: `execution_id=eq.${executionId}` }],
    (payload) => {
      if (payload.eventType !== 'UPDATE' || typeof payload.new.node_id !== 'string') refetch.current = true
      else pending.current.push(payload.new as NodeChange)
      frame.current ??= schedule(flush, (queryClient.getQueryData<ExecutionNodeRow[]>(key)?.length ?? 0) > LARGE_RUN_ROWS)
    },
    enabled,
    () => void queryClient.invalidateQueries({ queryKey: key }),
  )
}
