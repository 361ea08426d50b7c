import { Timer } from 'lucide-react'
import { useLockExpiry } from '../api/lock-environment.ts'
import { formatDateTime } from '../../../lib/format.ts'
import { useNow } from '../../../lib/use-now.ts'
import { countdown } from '../lib/countdown.ts'

/** How long until a lock with an expiry lifts itself; nothing for a lock without one. */
export function LockCountdown({ environmentId, envKey, locked }: { environmentId: string; envKey: string; locked: boolean }) {
  const expiry = useLockExpiry(environmentId, locked)
  const until = locked ? expiry.data ?? null : null
  const now = useNow(Boolean(until))
  if (!until) return null
  const left = countdown(until, now)
  return (
    <span className="inline-flex items-center gap-1 text-xs text-muted-foreground tabular-nums" data-testid={`lock-countdown-${envKey}`} title={`Lifts at ${formatDateTime(until)}`}>
      <Timer className="size-3" aria-hidden />
      {left ? `Lifts in ${left}` : 'Lifting now…'}
    </span>
  )
}
