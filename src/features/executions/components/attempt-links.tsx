import { History } from 'lucide-react'
import { Link } from 'react-router'
import { StatusBadge } from '../../../components/status-badge.tsx'
import type { Json } from '../../../integrations/supabase/types.ts'
import { readStoredGraph } from '../../../../supabase/functions/_shared/engine/stored-graph.ts'
import type { ExecutionDetail } from '../api/get-execution.ts'

function checkpointLabel(graph: Json, nodeId: string): string {
  const read = readStoredGraph(graph)
  return (read.ok && read.graph.nodes.find((n) => n.id === nodeId)?.label) || nodeId
}

/** Where this run sits among its attempts: the one it reruns, and the newer one made of it. */
export function AttemptLinks({ run }: { run: ExecutionDetail }) {
  if (!run.previousAttempt && !run.newerAttempt && !run.rerun_of_id) return null
  const checkpoint = run.rerun_from_node_id ? checkpointLabel(run.graph, run.rerun_from_node_id) : null
  return (
    <div className="flex flex-wrap items-center gap-x-4 gap-y-1 text-sm" data-testid="attempt-links">
      <History className="size-4 text-muted-foreground" aria-hidden />
      {run.previousAttempt && (
        <span>
          This run is attempt {run.attempt}, a rerun{checkpoint ? ` from checkpoint "${checkpoint}"` : ''} of{' '}
          <Link className="font-medium underline-offset-4 hover:underline" to={`/executions/${run.previousAttempt.id}`}>attempt {run.previousAttempt.attempt}</Link>{' '}
          <StatusBadge kind="execution" status={run.previousAttempt.status} />
        </span>
      )}
      {!run.previousAttempt && run.rerun_of_id && <span>This run is attempt {run.attempt}; the earlier attempt is no longer visible.</span>}
      {run.newerAttempt && (
        <span>
          A newer attempt exists:{' '}
          <Link className="font-medium underline-offset-4 hover:underline" to={`/executions/${run.newerAttempt.id}`}>attempt {run.newerAttempt.attempt}</Link>{' '}
          <StatusBadge kind="execution" status={run.newerAttempt.status} />
        </span>
      )}
    </div>
  )
}
