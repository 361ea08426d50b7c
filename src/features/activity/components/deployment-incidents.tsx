import { useState } from 'react'
import { Link } from 'react-router'
import { StatusBadge } from '../../../components/status-badge.tsx'
import { EmptyState, ErrorState, LoadingRows } from '../../../components/states.tsx'
import { Badge } from '../../../components/ui/badge.tsx'
import { Button } from '../../../components/ui/button.tsx'
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '../../../components/ui/card.tsx'
import { formatDateTime, timeAgo } from '../../../lib/format.ts'
import { queryKeys } from '../../../lib/query-keys.ts'
import { useLiveQueries } from '../../../lib/realtime.ts'
import { useProject } from '../../../lib/workspace.ts'
import { INCIDENTS_PAGE, useDeploymentIncidents } from '../api/get-deployment-incidents.ts'

/** Deployments that failed or were rolled back, and the rollbacks themselves: where to look after a bad release. */
export function DeploymentIncidents() {
  const project = useProject()
  const [page, setPage] = useState(0)
  const incidents = useDeploymentIncidents(project.id, page)
  useLiveQueries([{ table: 'deployments', filter: `project_id=eq.${project.id}` }], [queryKeys.activity.incidents(project.id)])
  const pages = incidents.data ? Math.max(1, Math.ceil(incidents.data.total / INCIDENTS_PAGE)) : 1
  return (
    <Card aria-labelledby="deployment-incidents-title" data-testid="deployment-incidents">
      <CardHeader>
        <div>
          <CardTitle id="deployment-incidents-title">Failed deployments and rollbacks</CardTitle>
          <CardDescription>{incidents.data ? `${incidents.data.total} in this project` : 'Releases that did not stick.'}</CardDescription>
        </div>
      </CardHeader>
      <CardContent>
        {incidents.isPending ? <LoadingRows rows={3} />
          : incidents.isError ? <ErrorState error={incidents.error} onRetry={() => void incidents.refetch()} />
          : incidents.data.rows.length === 0 ? <EmptyState title="No failed deployments or rollbacks" description="Every deployment so far went live and stayed." />
          : (
            <>
              <ul className="flex flex-col divide-y text-sm">
                {incidents.data.rows.map((d) => (
                  <li key={d.id} className="flex flex-wrap items-center gap-2 py-2" data-testid="deployment-incident">
                    <span className="font-mono font-medium">{d.version}</span>
                    {d.environments && <Link to={`/environments/${encodeURIComponent(d.environments.key)}`} className="hover:underline">{d.environments.key}</Link>}
                    {d.rollback_of_id ? <Badge tone="warning">Rollback</Badge> : <StatusBadge kind="deployment" status={d.status} />}
                    <span className="ml-auto text-xs text-muted-foreground">
                      <time dateTime={d.created_at} title={formatDateTime(d.created_at)}>{timeAgo(d.created_at)}</time>
                      {d.execution_id && <> · <Link to={`/executions/${d.execution_id}`} className="underline underline-offset-2">run</Link></>}
                    </span>
                    {d.reason && <p className="w-full truncate text-xs text-muted-foreground" title={d.reason}>{d.reason}</p>}
                  </li>
                ))}
              </ul>
              {pages > 1 && (
                <nav aria-label="Pages" className="mt-2 flex items-center justify-between text-xs text-muted-foreground">
                  <Button size="sm" variant="outline" disabled={page === 0} onClick={() => setPage(page - 1)}>Newer</Button>
                  <span>Page {page + 1} of {pages}</span>
                  <Button size="sm" variant="outline" disabled={page + 1 >= pages} onClick={() => setPage(page + 1)}>Older</Button>
                </nav>
              )}
            </>
          )}
      </CardContent>
    </Card>
  )
}
