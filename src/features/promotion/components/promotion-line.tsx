import { lazy, Suspense } from 'react'
import { Link } from 'react-router'
import type { BoardEnvironment, EnvironmentBoardData } from '../../environments/api/get-environment-board.ts'
import { controlState, type ActionDecision } from '../../environments/lib/environment-actions.ts'
import { freezeState } from '../../environments/lib/promotion-chain.ts'
import type { PromotionStatus } from '../api/get-promotion-status.ts'
import { behindLabel, promotionSources, waitingLabel } from '../lib/promotion-summary.ts'

const PromoteControl = lazy(() => import('./promote-control.tsx'))

/**
 * On a board card: what waits to be promoted into this environment, how far behind the stage before it is, and
 * the Promote control as the caller's deploy decision here allows it.
 */
export function PromotionLine({ env, index, chain, status, deploy, freezeWindows }: {
  env: BoardEnvironment
  index: number
  chain: readonly BoardEnvironment[]
  status: PromotionStatus | undefined
  deploy: ActionDecision | undefined
  freezeWindows: EnvironmentBoardData['freezeWindows']
}) {
  if (index === 0 || !status) return null
  const previous = chain[index - 1]
  const facts = {
    previousKey: previous?.key ?? null, currentTag: status.current_version_tag, candidateTag: status.candidate_version_tag,
    behindBy: status.behind_by, promotingTag: status.promoting_version_tag,
  }
  const behind = behindLabel(facts)
  const waiting = waitingLabel(facts)
  const sources = promotionSources(chain, index, env.allow_skip_promotion)
    .filter((s) => s.versionTag !== env.current?.version_tag)
  const state = controlState(deploy)
  return (
    <div className="flex flex-col gap-1 text-xs" data-testid={`env-${env.key}-promotion`}>
      {behind && <span className="text-muted-foreground" data-testid={`env-${env.key}-behind`}>{behind}</span>}
      {waiting && (
        status.promoting_execution_id
          ? <Link to={`/executions/${status.promoting_execution_id}`} className="underline underline-offset-2" data-testid={`env-${env.key}-waiting`}>{waiting}</Link>
          : <span data-testid={`env-${env.key}-waiting`}>{waiting}</span>
      )}
      {!status.promoting_execution_id && sources.length > 0 && state.kind !== 'hidden' && (
        <Suspense fallback={null}>
          <PromoteControl env={env} state={state} sources={sources} chain={chain} frozen={Boolean(freezeState(freezeWindows, env.id).active)} />
        </Suspense>
      )}
    </div>
  )
}
