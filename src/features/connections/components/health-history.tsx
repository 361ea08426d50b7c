import { lazy, Suspense } from 'react'
import { EmptyState, ErrorState } from '../../../components/states.tsx'
import { Skeleton } from '../../../components/ui/skeleton.tsx'
import { formatDuration } from '../../../lib/format.ts'
import { HISTORY_LIMIT, useHealthHistory } from '../api/get-health-history.ts'
import { responseStats } from '../lib/health-summary.ts'

const HealthChart = lazy(() => import('./health-chart.tsx'))

/** The response-time chart of a connection's latest checks, with the median and the worst. */
export function HealthHistory({ connectionId }: { connectionId: string }) {
  const history = useHealthHistory(connectionId)
  if (history.isPending) return <Skeleton className="h-[200px] w-full" />
  if (history.isError) return <ErrorState error={history.error} onRetry={() => void history.refetch()} />
  const points = history.data
  if (points.length === 0) return <EmptyState title="No checks yet" description="Press Check now, or wait for the scheduled check, to start the history." />
  const stats = responseStats(points)
  return (
    <figure className="flex flex-col gap-2" data-testid="health-chart" data-points={points.length} aria-label={`Response time of the latest ${points.length} checks`}>
      <figcaption className="flex flex-wrap gap-x-4 text-xs text-muted-foreground">
        <span>{points.length === HISTORY_LIMIT ? `Latest ${HISTORY_LIMIT} checks` : `${points.length} check${points.length === 1 ? '' : 's'}`}</span>
        <span>median {formatDuration(stats.median)}</span>
        <span>slowest {formatDuration(stats.max)}</span>
      </figcaption>
      <Suspense fallback={<Skeleton className="h-[200px] w-full" />}>
        <HealthChart points={points} />
      </Suspense>
    </figure>
  )
}
