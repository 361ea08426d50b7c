import { AnalysisSheet } from '../../../components/analysis/analysis-sheet.tsx'
import { Card, CardContent } from '../../../components/ui/card.tsx'
import type { BoardEnvironment, EnvironmentBoardData } from '../api/get-environment-board.ts'
import { controlState, type ActionDecision, type EnvironmentAction } from '../lib/environment-actions.ts'
import { FreezeWindows } from './freeze-windows.tsx'
import { LockControl } from './lock-control.tsx'
import { LockIndicator } from './lock-indicator.tsx'
import { SmokeTestButton } from './smoke-test-button.tsx'
import { strategyLabel, tierLabel } from './strategy-label.ts'

/**
 * What governs deploys into this environment: tier, strategy, approvals, lock, freeze windows; and the smoke
 * test and lock controls as the caller's decisions here (`actions`) allow them.
 */
export function EnvironmentHeader({ env, freezeWindows, actions }: {
  env: BoardEnvironment
  freezeWindows: EnvironmentBoardData['freezeWindows']
  actions: ReadonlyMap<EnvironmentAction, ActionDecision> | undefined
}) {
  return (
    <Card data-testid={`env-${env.key}`} data-locked={env.lock?.is_locked ?? false}>
      <CardContent className="flex flex-col gap-4 pt-4">
        <dl className="grid grid-cols-2 gap-4 text-sm sm:grid-cols-5">
          <div><dt className="text-xs text-muted-foreground">Current version</dt><dd className="font-mono text-lg" data-testid={`env-${env.key}-version`}>{env.current?.version_tag ?? '—'}</dd></div>
          <div><dt className="text-xs text-muted-foreground">Tier</dt><dd>{tierLabel[env.tier]}</dd></div>
          <div><dt className="text-xs text-muted-foreground">Strategy</dt><dd>{strategyLabel[env.deploy_strategy]}</dd></div>
          <div><dt className="text-xs text-muted-foreground">Approvals to deploy</dt><dd>{env.required_approvals === 0 ? 'none' : env.required_approvals}</dd></div>
          <div><dt className="text-xs text-muted-foreground">Lock</dt><dd><LockIndicator env={env} /></dd></div>
        </dl>
        <div className="flex flex-wrap items-start justify-between gap-3 border-t pt-3">
          <div className="flex flex-col gap-1">
            <h2 className="text-sm font-medium">Freeze windows</h2>
            <FreezeWindows environmentId={env.id} windows={freezeWindows} />
          </div>
          <div className="flex flex-wrap items-start gap-2">
            <AnalysisSheet fn="explain-config" body={{ environment_id: env.id }} label="Explain configuration" testId="explain-environment"
              hint="What this environment's protection and configuration mean, what its last change did, and what is risky"
              title={`${env.display_name}: configuration`} description="Approvals, variables and secret references (names only, never values), the latest change, and the lint."
              asking="Reading the configuration and its versions…" />
            <AnalysisSheet fn="ai-telemetry-analysis" body={{ environment_id: env.id }} label="Analyze runs" testId="telemetry-environment"
              hint="Trends and anomalies in the runs that targeted this environment"
              title={`${env.display_name}: runs over time`} description="The last finished runs that targeted it, in daily buckets: durations, failure rate, anomalies and trends."
              asking="Reading the runs that targeted it…" />
            <SmokeTestButton environmentId={env.id} environmentName={env.display_name} state={controlState(actions?.get('run'))} />
            <LockControl env={env} state={controlState(actions?.get('lock'))} />
          </div>
        </div>
      </CardContent>
    </Card>
  )
}
