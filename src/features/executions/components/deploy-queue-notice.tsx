import { ListOrdered } from 'lucide-react'
import { Alert } from '../../../components/ui/alert.tsx'
import { useDeployQueue } from '../api/list-deploy-queue.ts'

/** A run whose deploy waits in a locked or frozen environment's queue says where it stands and why. */
export function DeployQueueNotice({ executionId, projectId, active }: { executionId: string; projectId: string; active: boolean }) {
  const queue = useDeployQueue(executionId, projectId, active)
  const rows = active ? queue.data ?? [] : []
  if (rows.length === 0) return null
  return (
    <Alert tone="warning" className="flex items-start gap-3" data-testid="deploy-queue-notice">
      <ListOrdered className="mt-0.5 size-4 shrink-0 text-warning" aria-hidden />
      <div className="flex-1">
        {rows.map((r) => (
          <div key={r.node_id} data-testid={`deploy-queue-${r.node_id}`} data-position={r.position ?? undefined}>
            <p className="font-medium">
              Deploy to {r.environment} waiting in its queue: position {r.position}
            </p>
            <p className="text-muted-foreground">{r.reason.replace(/ \(position \d+\)/, '')}. It goes on by itself, in order, when {r.environment} opens.</p>
          </div>
        ))}
      </div>
    </Alert>
  )
}
