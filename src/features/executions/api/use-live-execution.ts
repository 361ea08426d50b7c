import { useQueryClient } from '@tanstack/react-query'
import { useEffect, useRef } from 'react'
import { onFrameAfter } from '../../../lib/next-frame.ts'
import { queryKeys } from '../../../lib/query-keys.ts'
import { useLiveQueries, useTableChanges } from '../../../lib/realtime.ts'
import { useLiveNodeRows } from './use-live-node-rows.ts'

/**
 * Keeps a run's page live: the run itself (and a rerun made of it), its nodes, its state events and its approval
 * requests. The run row is refetched when the run changes state (its own state event), not on every progress
 * update: that row carries the whole graph, and the page computes progress from the node rows as they arrive.
 */
export function useLiveExecution(executionId: string, enabled = true): void {
  const filter = `execution_id=eq.${executionId}`
  useLiveQueries([{ table: 'executions', filter: `rerun_of_id=eq.${executionId}`, event: 'INSERT' }], [queryKeys.executions.detail(executionId)], enabled)
  useLiveNodeRows(executionId, enabled)
  useLiveStateEvents(executionId, enabled)
  useLiveQueries([{ table: 'approval_requests', filter }], [queryKeys.executions.approvals(executionId)], enabled)
}

/** Keeps the project's run lists live (the runs page and the home widgets). */
export function useLiveExecutionLists(projectId: string): void {
  useLiveQueries([{ table: 'executions', filter: `project_id=eq.${projectId}` }], [queryKeys.executions.lists(projectId)])
}

/** New state events (gathered for 250 ms) refresh the timeline and checkpoints; a run-level one also the run. */
function useLiveStateEvents(executionId: string, enabled: boolean): void {
  const queryClient = useQueryClient()
  const batch = useRef<{ run: boolean; cancel: (() => void) | null }>({ run: false, cancel: null })
  useEffect(() => () => batch.current.cancel?.(), [])
  const refresh = (run: boolean) => {
    void queryClient.invalidateQueries({ queryKey: queryKeys.executions.events(executionId) })
    void queryClient.invalidateQueries({ queryKey: queryKeys.executions.checkpoints(executionId) })
    if (run) void queryClient.invalidateQueries({ queryKey: queryKeys.executions.detail(executionId) })
  }
  useTableChanges(
    [{ table: 'execution_state_events', filter: `execution_id=eq.${executionId}`, event: 'INSERT' }],
    (payload) => {
      if (!(payload.new as { node_id?: string | null }).node_id) batch.current.run = true
      // The timeline refetches at most four times a second: a large run writes dozens of events per tick.
      batch.current.cancel ??= onFrameAfter(250, () => {
        const run = batch.current.run
        batch.current = { run: false, cancel: null }
        refresh(run)
      })
    },
    enabled,
    () => refresh(true),
  )
}
