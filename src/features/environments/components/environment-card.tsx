import { Snowflake } from 'lucide-react'
import type { ReactNode } from 'react'
import { Link } from 'react-router'
import { SimulatedBadge } from '../../../components/simulated-badge.tsx'
import { StatusBadge } from '../../../components/status-badge.tsx'
import { Badge } from '../../../components/ui/badge.tsx'
import { formatDateTime, timeAgo } from '../../../lib/format.ts'
import type { BoardEnvironment, EnvironmentBoardData } from '../api/get-environment-board.ts'
import { freezeState } from '../lib/promotion-chain.ts'
import { LockIndicator } from './lock-indicator.tsx'
import { strategyLabel } from './strategy-label.ts'

/**
 * One stop on the promotion chain: what runs there, whether it is locked or frozen, and who deployed last;
 * `children` (promotion into it) sits under the version.
 */
export function EnvironmentCard({ env, freezeWindows, children }: { env: BoardEnvironment; freezeWindows: EnvironmentBoardData['freezeWindows']; children?: ReactNode }) {
  const freeze = freezeState(freezeWindows, env.id).active
  return (
    <article
      className="flex h-full flex-col gap-2 rounded-md border bg-card p-3 data-[locked=true]:border-destructive/40"
      data-testid={`env-${env.key}`} data-locked={env.lock?.is_locked ?? false} aria-labelledby={`env-${env.key}-title`}
    >
      <header className="flex items-baseline justify-between gap-2">
        <h3 id={`env-${env.key}-title`} className="truncate font-medium">
          <Link to={`/environments/${env.key}`} className="hover:underline">{env.display_name}</Link>
        </h3>
        <span className="text-xs text-muted-foreground">{env.key}</span>
      </header>
      <p className="flex flex-wrap items-center gap-2">
        <span className="font-mono text-lg leading-tight" data-testid={`env-${env.key}-version`}>{env.current?.version_tag ?? '—'}</span>
        {env.current?.deployment?.simulated && <SimulatedBadge testId={`env-${env.key}-simulated`} />}
      </p>
      {children}
      <LockIndicator env={env} />
      {freeze && (
        <Badge tone="info" className="w-fit" title={`${freeze.reason} · until ${formatDateTime(freeze.ends_at)}`} data-testid={`env-${env.key}-freeze`}>
          <Snowflake aria-hidden /> Frozen until {formatDateTime(freeze.ends_at)}
        </Badge>
      )}
      <div className="mt-auto flex flex-col gap-1 border-t pt-2 text-xs">
        <span className="text-muted-foreground">Last deploy</span>
        {env.lastDeploy
          ? (
            <span className="flex flex-wrap items-center gap-1">
              <span>{env.lastDeploy.deployedByName ?? 'engine'} · <span title={formatDateTime(env.lastDeploy.created_at)}>{timeAgo(env.lastDeploy.created_at)}</span></span>
              <StatusBadge kind="deployment" status={env.lastDeploy.status} />
              {env.lastDeploy.simulated && <SimulatedBadge />}
            </span>
          )
          : <span>never</span>}
        <span className="text-muted-foreground">
          <span data-testid={`env-${env.key}-approvals`}>{env.required_approvals === 0 ? 'No approvals' : `${env.required_approvals} approval${env.required_approvals === 1 ? '' : 's'}`}</span>
          {' · '}{strategyLabel[env.deploy_strategy]}
        </span>
      </div>
    </article>
  )
}
