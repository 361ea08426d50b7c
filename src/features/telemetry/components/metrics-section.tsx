import { lazy, Suspense, useMemo } from 'react'
import { EmptyState, ErrorState, LoadingRows } from '../../../components/states.tsx'
import { NativeSelect } from '../../../components/ui/input.tsx'
import { Label } from '../../../components/ui/label.tsx'
import { useFacets } from '../api/get-facets.ts'
import { useMetricSeries } from '../api/get-metric-series.ts'
import { chartOf, fieldsOf } from '../lib/metric-series.ts'
import { TIME_WINDOWS, type TimeWindow } from '../lib/signal-filter.ts'

const MetricChart = lazy(() => import('./metric-chart.tsx'))

/** Pick a metric (names seen in the window) and see its series per service, bucketed by the database. */
export function MetricsSection({ projectId, window, metric, onMetric }: {
  projectId: string
  window: TimeWindow
  metric: string
  onMetric: (name: string) => void
}) {
  const facets = useFacets(projectId, window)
  const names = facets.data?.metrics ?? []
  const chosen = metric || names[0] || ''
  const series = useMetricSeries(projectId, chosen, window)
  const charts = useMemo(() => (series.data ? fieldsOf(series.data).map((f) => chartOf(series.data, f)) : []), [series.data])
  const unit = series.data?.find((b) => b.unit)?.unit ?? null
  const kinds = [...new Set(series.data?.map((b) => b.kind) ?? [])]

  if (facets.isPending) return <LoadingRows rows={4} />
  if (facets.isError) return <ErrorState error={facets.error} onRetry={() => void facets.refetch()} />
  if (names.length === 0 && !metric) {
    return <EmptyState title={`No metrics in the ${TIME_WINDOWS[window].label.toLowerCase()}`}
      description="Send metrics to otel-adapter's /v1/metrics with an ingest token (see docs/telemetry.md), or choose a longer window." />
  }
  return (
    <section className="flex flex-col gap-3" aria-label="Metrics section">
      <div className="flex flex-wrap items-end gap-3">
        <div className="flex flex-col gap-1">
          <Label htmlFor="telemetry-metric">Metric</Label>
          <NativeSelect id="telemetry-metric" value={chosen} className="w-72" onChange={(e) => onMetric(e.target.value)}>
            {(names.includes(chosen) ? names : [chosen, ...names]).map((n) => <option key={n} value={n}>{n}</option>)}
          </NativeSelect>
        </div>
        {kinds.length > 0 && <p className="pb-2 text-xs text-muted-foreground">Kind: {kinds.join(', ')} · buckets of {TIME_WINDOWS[window].bucketSeconds / 60 >= 1 ? `${TIME_WINDOWS[window].bucketSeconds / 60} min` : `${TIME_WINDOWS[window].bucketSeconds} s`}</p>}
      </div>
      {series.isPending ? <LoadingRows rows={4} />
        : series.isError ? <ErrorState error={series.error} onRetry={() => void series.refetch()} />
        : charts.length === 0 ? <EmptyState title="No points for this metric in the window" />
        : (
          <Suspense fallback={<LoadingRows rows={4} />}>
            <div className={charts.length > 1 ? 'grid gap-4 lg:grid-cols-2' : 'grid gap-4'}>
              {charts.map((chart) => <MetricChart key={chart.field} chart={chart} unit={chart.field === 'count_total' ? null : unit} />)}
            </div>
          </Suspense>
        )}
    </section>
  )
}
