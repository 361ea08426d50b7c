import { useMemo } from 'react'
import { EmptyState, ErrorState, LoadingRows } from '../../../components/states.tsx'
import { Button } from '../../../components/ui/button.tsx'
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '../../../components/ui/card.tsx'
import { useProject } from '../../../lib/workspace.ts'
import { useActivity } from '../api/get-activity.ts'
import { useLiveActivity } from '../api/use-live-activity.ts'
import { mergePages } from '../lib/activity.ts'
import { ActivityItem } from './activity-item.tsx'

/** Run status changes, approval votes and deployments of the project, newest first, live, with "load more". */
export function ActivityFeed() {
  const project = useProject()
  const activity = useActivity(project.id)
  useLiveActivity(project.id)
  const rows = useMemo(() => mergePages(activity.data?.pages ?? []), [activity.data])
  return (
    <Card aria-labelledby="activity-title" data-testid="activity-feed">
      <CardHeader>
        <div>
          <CardTitle id="activity-title">Activity</CardTitle>
          <CardDescription>Runs, approval votes and deployments, as they happen.</CardDescription>
        </div>
      </CardHeader>
      <CardContent>
        {activity.isPending ? <LoadingRows rows={4} />
          : !activity.data ? <ErrorState error={activity.error} onRetry={() => void activity.refetch()} />
          : rows.length === 0 ? <EmptyState title="Nothing has happened yet" description="Runs, votes and deployments show up here the moment they happen." />
          : (
            <>
              <ol className="flex flex-col divide-y" aria-label="Activity, newest first">
                {rows.map((row) => <ActivityItem key={row.key} row={row} />)}
              </ol>
              {activity.hasNextPage && (
                <Button variant="outline" size="sm" className="mt-2 w-full" disabled={activity.isFetchingNextPage} onClick={() => void activity.fetchNextPage()}>
                  {activity.isFetchingNextPage ? 'Loading…' : 'Load more'}
                </Button>
              )}
              {activity.isError && <p role="alert" className="mt-2 text-xs text-destructive">Could not refresh or load more: {activity.error.message}</p>}
            </>
          )}
      </CardContent>
    </Card>
  )
}
