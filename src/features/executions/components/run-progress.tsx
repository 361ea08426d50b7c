import { Progress } from '../../../components/ui/progress.tsx'
import type { Enums } from '../../../integrations/supabase/types.ts'
import { cn } from '../../../lib/utils.ts'
import { runProgressView, type ProgressTone } from '../lib/run-progress-label.ts'

const barTone = {
  active: '',
  done: '[&>div]:bg-success',
  stopped: '[&>div]:bg-muted-foreground/50',
  failed: '[&>div]:bg-destructive',
} satisfies Record<ProgressTone, string>

/**
 * A run's progress (percent of nodes finished, from executions.progress) as a bar with words: the percentage while
 * it goes on, how it ended once it stopped (a cancelled run says "Cancelled", not "100%").
 */
export function RunProgress({ status, value, label, className, testId }: { status: Enums<'execution_status'>; value: number; label: string; className?: string; testId?: string }) {
  const view = runProgressView(status, value)
  return (
    <div className={cn('flex items-center gap-2', className)}>
      <Progress value={view.value} aria-label={label} aria-valuetext={view.text} className={cn('h-1.5 min-w-16 flex-1', barTone[view.tone])} data-testid={testId} />
      <span className="min-w-9 text-right text-xs whitespace-nowrap tabular-nums text-muted-foreground" data-testid={testId && `${testId}-text`}>{view.text}</span>
    </div>
  )
}
