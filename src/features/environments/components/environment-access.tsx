import { Check, X } from 'lucide-react'
import { ErrorState, LoadingRows } from '../../../components/states.tsx'
import { Badge } from '../../../components/ui/badge.tsx'
import type { UseQueryResult } from '@tanstack/react-query'
import { actionMeta, ENVIRONMENT_ACTIONS, sourceLabel, type ActionDecision, type EnvironmentAction } from '../lib/environment-actions.ts'

/** "Your access here": each action, whether the signed-in user may do it on this environment, and the database's why. */
export function EnvironmentAccess({ envKey, actions }: { envKey: string; actions: UseQueryResult<ReadonlyMap<EnvironmentAction, ActionDecision>> }) {
  return (
    <section aria-labelledby="access-title" className="flex flex-col gap-3" data-testid="your-access">
      <div>
        <h3 id="access-title" className="text-base font-semibold">Your access here</h3>
        <p className="text-sm text-muted-foreground">What you may do on {envKey}, as the database decides it: your role, then any admin's grant to you or your teams.</p>
      </div>
      {actions.isPending ? <LoadingRows rows={3} />
        : actions.isError ? <ErrorState error={actions.error} onRetry={() => void actions.refetch()} />
        : (
          <ul className="flex flex-col divide-y rounded-md border bg-card text-sm" aria-label={`Your access on ${envKey}`}>
            {ENVIRONMENT_ACTIONS.map((action) => {
              const d = actions.data.get(action)
              return (
                <li key={action} className="flex flex-wrap items-center gap-x-3 gap-y-1 px-4 py-2" data-testid={`access-${action}`} data-allowed={d?.allowed ?? false} data-source={d?.source}>
                  <span className="w-24 font-medium">{actionMeta[action].label}</span>
                  <Badge tone={d?.allowed ? 'success' : 'neutral'}>
                    {d?.allowed ? <Check aria-hidden /> : <X aria-hidden />}{d?.allowed ? 'Allowed' : 'Not allowed'}
                  </Badge>
                  {d && <span className="text-xs text-muted-foreground">({sourceLabel[d.source] ?? d.source})</span>}
                  <span className="min-w-0 flex-1 text-xs" data-testid="access-reason">{d?.reason ?? 'Not known'}</span>
                </li>
              )
            })}
          </ul>
        )}
    </section>
  )
}
