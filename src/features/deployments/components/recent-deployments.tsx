import { ShieldAlert, Undo2 } from 'lucide-react'
import { Link } from 'react-router'
import { SimulatedBadge } from '../../../components/simulated-badge.tsx'
import { StatusBadge } from '../../../components/status-badge.tsx'
import { EmptyState, ErrorState, LoadingRows } from '../../../components/states.tsx'
import { Badge } from '../../../components/ui/badge.tsx'
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '../../../components/ui/card.tsx'
import { formatDateTime, timeAgo } from '../../../lib/format.ts'
import { queryKeys } from '../../../lib/query-keys.ts'
import { useLiveQueries } from '../../../lib/realtime.ts'
import { useProject } from '../../../lib/workspace.ts'
import { RECENT_DEPLOYMENTS, useRecentDeployments } from '../api/get-recent-deployments.ts'

/** The last few deployments across environments, live. */
export function RecentDeployments() {
  const project = useProject()
  const deployments = useRecentDeployments(project.id)
  useLiveQueries([{ table: 'deployments', filter: `project_id=eq.${project.id}` }], [queryKeys.deployments.recent(project.id)])
  return (
    <Card aria-labelledby="recent-deployments-title" data-testid="recent-deployments">
      <CardHeader>
        <CardTitle id="recent-deployments-title">Recent deployments</CardTitle>
        <CardDescription>The last {RECENT_DEPLOYMENTS} across every environment.</CardDescription>
      </CardHeader>
      <CardContent>
        {deployments.isPending ? <LoadingRows rows={3} />
          : deployments.isError ? <ErrorState error={deployments.error} onRetry={() => void deployments.refetch()} />
          : deployments.data.length === 0 ? <EmptyState title="No deployments yet" description="Deploy nodes in a pipeline record them here." />
          : (
            <ul className="flex flex-col divide-y text-sm">
              {deployments.data.map((d) => (
                <li key={d.id} className="flex flex-wrap items-center gap-2 py-2" data-testid="recent-deployment">
                  <span className="font-mono font-medium">{d.version}</span>
                  <span aria-hidden className="text-muted-foreground">→</span>
                  {d.environments
                    ? <Link to={`/environments/${d.environments.key}`} className="hover:underline">{d.environments.key}</Link>
                    : <span>unknown environment</span>}
                  <StatusBadge kind="deployment" status={d.status} />
                  {d.simulated && <SimulatedBadge />}
                  {d.rollback_of_id && <Badge tone="warning" title={d.reason ?? undefined}><Undo2 aria-hidden />Rollback</Badge>}
                  {d.break_glass && <Badge tone="danger"><ShieldAlert aria-hidden />Break-glass</Badge>}
                  <span className="ml-auto text-xs text-muted-foreground">
                    {d.deployedByName ?? 'engine'} · <span title={formatDateTime(d.created_at)}>{timeAgo(d.created_at)}</span>
                    {d.execution_id && <> · <Link to={`/executions/${d.execution_id}`} className="underline underline-offset-2">run</Link></>}
                  </span>
                </li>
              ))}
            </ul>
          )}
      </CardContent>
    </Card>
  )
}
