import { useState } from 'react'
import { ErrorState, LoadingRows, PageHeader } from '../../../components/states.tsx'
import { NativeSelect } from '../../../components/ui/input.tsx'
import { Label } from '../../../components/ui/label.tsx'
import { useProject } from '../../../lib/workspace.ts'
import { useDoraMetrics } from '../api/get-dora-metrics.ts'
import { useDoraSeries } from '../api/get-dora-series.ts'
import { useSimulatedDeploymentCount } from '../api/get-simulated-deployment-count.ts'
import { productionEnvironment, useEnvironments } from '../api/get-environments.ts'
import { useLiveDora } from '../api/use-live-dashboard.ts'
import { DoraMetricCard } from '../components/dora-metric-card.tsx'
import { DORA_METRICS } from '../lib/dora.ts'
import { simulatedDeploymentsNote } from '../lib/simulated-note.ts'
import { dayWindow, WINDOWS } from '../lib/window.ts'

const shortDate = (iso: string) => new Date(iso).toLocaleDateString(undefined, { month: 'short', day: 'numeric' })

/** DORA's five metrics for the project, one environment (production by default) or all, over 7/30/90 days. */
export default function DoraPage() {
  const project = useProject()
  const [days, setDays] = useState<number>(30)
  const [chosen, setChosen] = useState<string>()
  const environments = useEnvironments(project.id)
  const environmentId = chosen ?? (environments.data ? productionEnvironment(environments.data)?.id ?? 'all' : undefined)
  const where = environmentId === 'all' ? 'any environment' : environments.data?.find((e) => e.id === environmentId)?.key ?? ''
  const span = dayWindow(days)
  const metrics = useDoraMetrics(project.id, environmentId, span.from, span.to)
  const series = useDoraSeries(project.id, environmentId, span.from, span.to, days > 30 ? 'week' : 'day')
  const simulated = useSimulatedDeploymentCount(project.id, environmentId, span.from, span.to)
  useLiveDora(project.id)

  return (
    <div>
      <PageHeader
        title="DORA metrics"
        description={(
          <span data-testid="dora-window" data-from={span.from} data-to={span.to} data-environment={environmentId ?? ''}>
            {shortDate(span.from)} – {shortDate(new Date(new Date(span.to).getTime() - 1).toISOString())} (today included),{' '}
            {where || '…'}; {days > 30 ? 'weekly' : 'daily'} trend.
          </span>
        )}
        actions={(
          <>
            <div className="flex items-center gap-2">
              <Label htmlFor="dora-environment" className="text-sm text-muted-foreground">Environment</Label>
              <NativeSelect id="dora-environment" className="w-48" value={environmentId ?? ''} disabled={!environments.data}
                onChange={(e) => setChosen(e.target.value)}>
                {environments.data?.map((e) => <option key={e.id} value={e.id}>{e.display_name}</option>)}
                <option value="all">All environments</option>
              </NativeSelect>
            </div>
            <div className="flex items-center gap-2">
              <Label htmlFor="dora-window-days" className="text-sm text-muted-foreground">Window</Label>
              <NativeSelect id="dora-window-days" className="w-40" value={days} onChange={(e) => setDays(Number(e.target.value))}>
                {WINDOWS.map((d) => <option key={d} value={d}>Last {d} days</option>)}
              </NativeSelect>
            </div>
          </>
        )}
      />
      {environments.isError ? <ErrorState error={environments.error} onRetry={() => void environments.refetch()} />
        : metrics.isPending ? <LoadingRows rows={5} />
        : metrics.isError ? <ErrorState error={metrics.error} onRetry={() => void metrics.refetch()} />
        : (
          <div className="grid gap-4 md:grid-cols-2 xl:grid-cols-3" data-testid="dora-metrics">
            {DORA_METRICS.map((metric) => {
              const row = metrics.data.find((r) => r.metric === metric)
              return row && <DoraMetricCard key={metric} row={row} series={series.data?.[metric]} where={where} />
            })}
          </div>
        )}
      {simulated.data !== undefined && (
        <p className="mt-4 text-sm" data-testid="dora-simulated" data-count={simulated.data}>{simulatedDeploymentsNote(simulated.data, where)}</p>
      )}
      <p className="mt-6 text-xs text-muted-foreground">
        Figures come from the database function dora_metrics (definitions under each metric). Bands follow the clusters of
        DORA's 2023 Accelerate State of DevOps Report; DORA defines none for deployment rework rate.
      </p>
    </div>
  )
}
