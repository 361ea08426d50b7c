import { Lock, LockOpen } from 'lucide-react'
import { Badge } from '../../../components/ui/badge.tsx'
import type { BoardEnvironment } from '../api/get-environment-board.ts'

/** Locked (with why and by whom) or open; `data-locked` carries the state for tests. */
export function LockIndicator({ env }: { env: BoardEnvironment }) {
  const locked = env.lock?.is_locked ?? false
  return (
    <span className="flex min-w-0 flex-col gap-0.5" data-testid={`env-${env.key}-lock`} data-locked={locked}>
      <Badge tone={locked ? 'danger' : 'neutral'} className="w-fit">
        {locked ? <Lock aria-hidden /> : <LockOpen aria-hidden />}
        {locked ? 'Locked' : 'Unlocked'}
      </Badge>
      {locked && (
        <span className="text-xs text-muted-foreground">
          {env.lock?.lock_reason ?? 'No reason given'}
          {env.lock?.lockedByName ? ` · ${env.lock.lockedByName}` : ''}
          {env.lock?.required_role ? ` · ${env.lock.required_role}s may still deploy` : ''}
        </span>
      )}
    </span>
  )
}
