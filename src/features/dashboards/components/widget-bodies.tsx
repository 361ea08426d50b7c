import { lazy, Suspense, type ReactNode } from 'react'
import { StatusBadge } from '../../../components/status-badge.tsx'
import { EmptyState } from '../../../components/states.tsx'
import { Badge, type BadgeTone } from '../../../components/ui/badge.tsx'
import { Skeleton } from '../../../components/ui/skeleton.tsx'
import { percent, timeAgo } from '../../../lib/format.ts'
import type { Enums } from '../../../integrations/supabase/types.ts'
import type { DashboardFigures } from '../api/get-dashboard-figures.ts'
import type { DoraRow } from '../api/get-dora-metrics.ts'
import { doraBand, formatDora } from '../lib/dora.ts'
import type { WidgetId } from '../lib/widgets.ts'

const DashboardChart = lazy(() => import('./dashboard-charts.tsx'))

const chart = (node: ReactNode) => <Suspense fallback={<Skeleton className="h-44 w-full" />}>{node}</Suspense>

const Big = ({ testId, children }: { testId: string; children: ReactNode }) =>
  <p className="text-3xl font-semibold tabular-nums" data-testid={testId}>{children}</p>

const CONNECTION_TONE: Record<string, BadgeTone> = { healthy: 'success', degraded: 'warning', down: 'danger', unknown: 'neutral' }
const STATUS_ORDER = ['queued', 'running', 'paused', 'success', 'warning', 'failed', 'cancelled', 'idle'] as const

export interface WidgetData {
  figures: DashboardFigures
  /** dora_metrics for the production environment over the same window; undefined while loading. */
  dora?: DoraRow[]
  productionKey?: string
}

/** The body of one widget, from the database's figures only. */
export function WidgetBody({ id, data }: { id: WidgetId; data: WidgetData }) {
  const f = data.figures
  const days = `${f.window_days} days`
  switch (id) {
    case 'executions_by_status': {
      const rows = STATUS_ORDER.filter((s) => f.executions_by_status[s])
      const max = Math.max(1, ...rows.map((s) => f.executions_by_status[s]))
      if (rows.length === 0) return <EmptyState title="No runs in this window" description={`No run was created in the last ${days}.`} />
      return (
        <ul className="flex flex-col gap-2" aria-label="Runs by status">
          {rows.map((s) => (
            <li key={s} className="grid grid-cols-[11rem_1fr_2.5rem] items-center gap-2 text-sm">
              <StatusBadge kind="execution" status={s as Enums<'execution_status'>} />
              <span className="h-2 rounded-full bg-primary/60" style={{ width: `${(f.executions_by_status[s] / max) * 100}%` }} aria-hidden />
              <span className="text-right tabular-nums" data-testid={`runs-${s}`}>{f.executions_by_status[s]}</span>
            </li>
          ))}
        </ul>
      )
    }
    case 'success_rate': {
      const { succeeded, failed, finished } = f.success_rate
      if (finished === 0) return <EmptyState title="No finished runs" description={`No run finished in the last ${days}.`} />
      return (
        <div>
          <Big testId="success-rate">{percent(succeeded, finished)}</Big>
          <p className="text-sm text-muted-foreground">{succeeded} of {finished} finished runs succeeded; {failed} failed.</p>
        </div>
      )
    }
    case 'duration_trend':
      if (f.duration_trend.every((d) => d.runs === 0)) return <EmptyState title="No finished runs" description="Durations appear by the day runs finish." />
      return chart(<DashboardChart kind="duration" days={f.duration_trend} />)
    case 'deployments_per_environment':
      if (f.deployments_per_environment.every((e) => e.total === 0)) {
        return <EmptyState title="No deployments in this window" description={`No deployment started in the last ${days}.`} />
      }
      return chart(<DashboardChart kind="deployments" environments={f.deployments_per_environment} />)
    case 'approvals_waiting':
      return (
        <div>
          <Big testId="approvals-waiting">{f.approvals_waiting.waiting}</Big>
          <p className="text-sm text-muted-foreground">
            {f.approvals_waiting.oldest_at ? `Oldest requested ${timeAgo(f.approvals_waiting.oldest_at)}.` : 'Nothing is waiting for a decision.'}
          </p>
        </div>
      )
    case 'connection_health':
      if (f.connection_health.length === 0) return <EmptyState title="No connections" description="Connections of this organization appear here." />
      return (
        <ul className="flex flex-col divide-y text-sm" aria-label="Connections">
          {f.connection_health.map((c) => {
            const status = c.last_status ?? c.status
            return (
              <li key={c.id} className="flex items-center justify-between gap-2 py-1.5">
                <span className="min-w-0 truncate"><span className="font-medium">{c.name}</span> <span className="text-muted-foreground">{c.type}</span></span>
                <span className="flex shrink-0 items-center gap-2 text-xs text-muted-foreground">
                  {c.checks > 0 && <span title="Healthy checks in the window">{percent(c.healthy_checks, c.checks)} of {c.checks}</span>}
                  <Badge tone={CONNECTION_TONE[status] ?? 'neutral'} data-testid={`connection-${c.name}`}>{status}</Badge>
                </span>
              </li>
            )
          })}
        </ul>
      )
    case 'deploy_frequency':
    case 'change_failure_rate': {
      const metric = id === 'deploy_frequency' ? 'deployment_frequency' : 'change_fail_rate'
      const row = data.dora?.find((r) => r.metric === metric)
      if (!data.productionKey) return <EmptyState title="No production environment" />
      if (!row) return <Skeleton className="h-12 w-full" />
      if (row.sample_size === 0) return <EmptyState title={`No deployments to ${data.productionKey} in this window`} />
      const band = doraBand(metric, row.value)
      return (
        <div>
          <Big testId={`dora-widget-${metric}`}>{formatDora(row.unit, row.value)}</Big>
          <p className="text-sm text-muted-foreground">
            {data.productionKey}, {row.sample_size} deployments{band ? ` · DORA ${band.band}` : ''}
          </p>
        </div>
      )
    }
  }
}
