import { lazy, Suspense } from 'react'
import { Badge, type BadgeTone } from '../../../components/ui/badge.tsx'
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '../../../components/ui/card.tsx'
import { Skeleton } from '../../../components/ui/skeleton.tsx'
import type { DoraRow } from '../api/get-dora-metrics.ts'
import type { DoraPoint } from '../api/get-dora-series.ts'
import { DORA_LABELS, doraBand, emptyReason, formatDora, formatDoraTick, type Band } from '../lib/dora.ts'

const DashboardChart = lazy(() => import('./dashboard-charts.tsx'))
const BAND_TONE: Record<Band, BadgeTone> = { elite: 'success', high: 'info', medium: 'warning', low: 'danger' }
const SAMPLE: Record<string, string> = {
  deployment_frequency: 'deployments that reached the environment',
  change_lead_time: 'deployments with a known commit',
  change_fail_rate: 'finished deployments',
  failed_deployment_recovery_time: 'recovered failed changes',
  deployment_rework_rate: 'finished deployments',
}

/** One DORA metric: its figure, DORA band (if DORA defines one), trend and definition (from dora_metrics). */
export function DoraMetricCard({ row, series, where }: { row: DoraRow; series?: DoraPoint[]; where: string }) {
  const band = doraBand(row.metric, row.value)
  const empty = row.sample_size === 0
  const points = (series ?? []).map((p) => ({ label: p.bucket_start.slice(5, 10), value: p.value }))
  return (
    <Card aria-labelledby={`dora-${row.metric}-title`} data-testid={`dora-${row.metric}`}>
      <CardHeader>
        <div>
          <CardTitle id={`dora-${row.metric}-title`}>{DORA_LABELS[row.metric]}</CardTitle>
          <CardDescription>{row.sample_size} {SAMPLE[row.metric]}</CardDescription>
        </div>
        {band
          ? <Badge tone={BAND_TONE[band.band]} title={`DORA 2023 cluster: ${band.range}`} data-testid={`dora-${row.metric}-band`}>DORA {band.band}</Badge>
          : !empty && row.metric === 'deployment_rework_rate' && <Badge title="DORA publishes no performance clusters for rework rate">no DORA band</Badge>}
      </CardHeader>
      <CardContent className="flex flex-col gap-3">
        <p className="text-3xl font-semibold tabular-nums" data-testid={`dora-${row.metric}-value`} data-value={row.value ?? ''}>
          {formatDora(row.unit, row.value)}
        </p>
        {empty && <p className="text-sm text-muted-foreground" data-testid={`dora-${row.metric}-empty`}>{emptyReason(row.metric, where)}</p>}
        {band && <p className="text-xs text-muted-foreground">DORA {band.band}: {band.range}.</p>}
        {!empty && points.length > 1 && (
          <figure aria-label={`${DORA_LABELS[row.metric]} per period`}>
            <Suspense fallback={<Skeleton className="h-28 w-full" />}>
              <DashboardChart kind="trend" points={points} name={DORA_LABELS[row.metric]} format={(v) => formatDora(row.unit, v)} tick={(v) => formatDoraTick(row.unit, v)} />
            </Suspense>
          </figure>
        )}
        <p className="border-t pt-2 text-xs text-muted-foreground" data-testid={`dora-${row.metric}-definition`}>
          <span className="font-medium text-foreground">Definition. </span>{row.definition}
        </p>
      </CardContent>
    </Card>
  )
}
