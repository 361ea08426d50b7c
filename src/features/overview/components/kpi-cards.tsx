import { CheckCircle2, Hand, PlayCircle, XCircle, type LucideIcon } from 'lucide-react'
import type { ReactNode } from 'react'
import { Link } from 'react-router'
import { ErrorState } from '../../../components/states.tsx'
import { Card } from '../../../components/ui/card.tsx'
import { Skeleton } from '../../../components/ui/skeleton.tsx'
import { cn } from '../../../lib/utils.ts'
import { useProject } from '../../../lib/workspace.ts'
import { useKpis } from '../api/get-kpis.ts'
import { useLiveKpis } from '../api/use-live-kpis.ts'
import { formatCount, formatRate, rateTone, type RateTone } from '../lib/kpis.ts'

const toneClass = {
  neutral: 'text-foreground',
  success: 'text-success',
  warning: 'text-warning',
  danger: 'text-destructive',
} satisfies Record<RateTone, string>

function Kpi({ label, icon: Icon, value, testId, hint, tone = 'neutral', to }: {
  label: string; icon: LucideIcon; value: ReactNode; testId: string; hint: string; tone?: RateTone; to: string
}) {
  return (
    <Card className="transition-colors hover:border-primary/40">
      <Link to={to} className="flex flex-col gap-1 rounded-lg p-4 focus-visible:outline-offset-[-2px]">
        <span className="flex items-center gap-1.5 text-xs font-medium text-muted-foreground">
          <Icon className="size-3.5" aria-hidden /> {label}
        </span>
        <span className={cn('text-3xl font-semibold tabular-nums', toneClass[tone])} data-testid={testId}>{value}</span>
        <span className="text-xs text-muted-foreground">{hint}</span>
      </Link>
    </Card>
  )
}

/** Running, waiting for approval, success rate and failures of the last 7 days; recounted live. */
export function KpiCards() {
  const project = useProject()
  const kpis = useKpis(project.id)
  useLiveKpis(project.id)
  if (kpis.isError) return <ErrorState error={kpis.error} onRetry={() => void kpis.refetch()} />
  const k = kpis.data
  return (
    <section aria-label="Key figures" className="grid grid-cols-2 gap-3 lg:grid-cols-4">
      {k ? (
        <>
          <Kpi label="Running" icon={PlayCircle} testId="kpi-running" value={formatCount(k.running)} to="/executions"
            hint={k.running === 0 ? 'Nothing queued or running' : 'Queued or running now'} />
          <Kpi label="Waiting for approval" icon={Hand} testId="kpi-waiting" value={formatCount(k.waiting)} to="/approvals"
            hint={k.waiting === 0 ? 'No gate is waiting' : 'Gates holding a run'} tone={k.waiting > 0 ? 'warning' : 'neutral'} />
          <Kpi label="Success rate · 7 days" icon={CheckCircle2} testId="kpi-success-rate" value={formatRate(k.successRate)} to="/executions"
            hint={k.finished === 0 ? 'No run finished this week' : `of ${formatCount(k.finished)} finished runs`} tone={rateTone(k.successRate)} />
          <Kpi label="Failed · 7 days" icon={XCircle} testId="kpi-failed" value={formatCount(k.failed)} to="/executions"
            hint={k.failed === 0 ? 'No failures this week' : 'Runs that failed'} tone={k.failed > 0 ? 'danger' : 'neutral'} />
        </>
      ) : Array.from({ length: 4 }, (_, i) => <Skeleton key={i} className="h-[104px] rounded-lg" role="status" aria-label="Loading" />)}
    </section>
  )
}
