import { Progress } from '../../../components/ui/progress.tsx'
import { cn } from '../../../lib/utils.ts'

/** A run's progress (percent of nodes finished, from executions.progress) as a bar with its number. */
export function RunProgress({ value, label, className, testId }: { value: number; label: string; className?: string; testId?: string }) {
  return (
    <div className={cn('flex items-center gap-2', className)}>
      <Progress value={value} aria-label={label} className="h-1.5 min-w-16 flex-1" data-testid={testId} />
      <span className="w-9 text-right text-xs tabular-nums text-muted-foreground">{value}%</span>
    </div>
  )
}
