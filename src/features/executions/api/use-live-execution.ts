import { queryKeys } from '../../../lib/query-keys.ts'
import { useLiveQueries } from '../../../lib/realtime.ts'

/** Keeps a run's page live: the run itself (and a rerun made of it), its nodes, its state events and its approval requests. */
export function useLiveExecution(executionId: string, enabled = true): void {
  const filter = `execution_id=eq.${executionId}`
  useLiveQueries([{ table: 'executions', filter: `id=eq.${executionId}` }, { table: 'executions', filter: `rerun_of_id=eq.${executionId}`, event: 'INSERT' }], [queryKeys.executions.detail(executionId), queryKeys.executions.checkpoints(executionId)], enabled)
  useLiveQueries([{ table: 'execution_nodes', filter }], [queryKeys.executions.nodes(executionId)], enabled)
  useLiveQueries([{ table: 'execution_state_events', filter, event: 'INSERT' }], [queryKeys.executions.events(executionId)], enabled)
  useLiveQueries([{ table: 'approval_requests', filter }], [queryKeys.executions.approvals(executionId)], enabled)
}

/** Keeps the project's run lists live (the runs page and the home widgets). */
export function useLiveExecutionLists(projectId: string): void {
  useLiveQueries([{ table: 'executions', filter: `project_id=eq.${projectId}` }], [queryKeys.executions.lists(projectId)])
}
