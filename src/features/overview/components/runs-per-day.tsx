import { lazy, Suspense } from 'react'
import { EmptyState, ErrorState, LoadingRows } from '../../../components/states.tsx'
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '../../../components/ui/card.tsx'
import { Skeleton } from '../../../components/ui/skeleton.tsx'
import { useProject } from '../../../lib/workspace.ts'
import { CHART_DAYS, useRunsPerDay, viewerTimeZone } from '../api/get-runs-per-day.ts'
import { summarizeDays } from '../lib/runs-per-day.ts'

const RunsChart = lazy(() => import('./runs-chart.tsx'))

/** Finished runs per day by outcome (last 14 days); live through the KPI subscription. */
export function RunsPerDay() {
  const project = useProject()
  const days = useRunsPerDay(project.id, viewerTimeZone())
  const summary = days.data ? summarizeDays(days.data) : undefined
  return (
    <Card aria-labelledby="runs-per-day-title" data-testid="runs-per-day">
      <CardHeader>
        <div>
          <CardTitle id="runs-per-day-title">Runs per day</CardTitle>
          <CardDescription>{summary ?? `Finished runs over the last ${CHART_DAYS} days, by outcome.`}</CardDescription>
        </div>
      </CardHeader>
      <CardContent>
        {days.isPending ? <LoadingRows rows={2} />
          : days.isError ? <ErrorState error={days.error} onRetry={() => void days.refetch()} />
          : days.data.every((d) => d.total === 0) ? <EmptyState title="No finished runs yet" description="Runs appear here by the day they finish." />
          : (
            <figure aria-label={summary}>
              <Suspense fallback={<Skeleton className="h-40 w-full" />}><RunsChart days={days.data} /></Suspense>
            </figure>
          )}
      </CardContent>
    </Card>
  )
}
