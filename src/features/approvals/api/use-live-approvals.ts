import { queryKeys } from '../../../lib/query-keys.ts'
import { useLiveQueries } from '../../../lib/realtime.ts'

/** Refetches the project's approvals whenever a request or a vote changes (RLS decides what arrives). */
export function useLiveApprovals(projectId: string): void {
  useLiveQueries(
    [{ table: 'approval_requests', filter: `project_id=eq.${projectId}` }, { table: 'approval_votes', filter: `project_id=eq.${projectId}` }],
    [queryKeys.approvals.all],
  )
}
