import { Archive, ArrowDown, ArrowUp, RotateCcw } from 'lucide-react'
import { ConfirmDialog } from '../../../components/confirm-dialog.tsx'
import { EmptyState, ErrorState, LoadingRows } from '../../../components/states.tsx'
import { Alert } from '../../../components/ui/alert.tsx'
import { Badge } from '../../../components/ui/badge.tsx'
import { Button } from '../../../components/ui/button.tsx'
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '../../../components/ui/card.tsx'
import { useProject } from '../../../lib/workspace.ts'
import { archiveSchema, useChangeChain } from '../api/change-chain.ts'
import { useChain, type ChainEnvironment } from '../api/get-chain.ts'
import { STRATEGY_LABELS, TIER_LABELS } from '../lib/labels.ts'
import { EnvironmentSettingsDialog } from './environment-settings-dialog.tsx'
import { ReasonDialog } from '../../../components/reason-dialog.tsx'

const ADMIN_ONLY = 'Only an admin of this organization can change the chain'

/** The chain as admins shape it: order (move up/down), settings, archive; archived environments and restore. */
export function ChainAdmin() {
  const project = useProject()
  const chain = useChain(project.id)
  const change = useChangeChain()
  const admin = project.role === 'admin'
  return (
    <Card aria-labelledby="chain-admin-title" data-testid="chain-admin">
      <CardHeader>
        <CardTitle id="chain-admin-title">Promotion chain</CardTitle>
        <CardDescription>
          {admin ? 'Reorder, edit or archive environments. Archiving keeps every deployment and run; an archived environment takes no new ones.'
            : 'The order environments are promoted through. Admins change it.'}
        </CardDescription>
      </CardHeader>
      <CardContent className="flex flex-col gap-4">
        {chain.isPending ? <LoadingRows rows={3} />
          : chain.isError ? <ErrorState error={chain.error} onRetry={() => void chain.refetch()} />
          : chain.data.active.length === 0 && chain.data.archived.length === 0 ? <EmptyState title="No environments yet" />
          : (
            <>
              {change.error && <Alert tone="danger">{change.error.message}</Alert>}
              <ol className="flex flex-col divide-y rounded-md border" aria-label="Chain order">
                {chain.data.active.map((env, i) => (
                  <li key={env.id} className="flex flex-wrap items-center gap-3 px-3 py-2 text-sm" data-testid={`chain-${env.key}`}>
                    <span className="w-6 text-right font-mono text-xs text-muted-foreground">{i + 1}</span>
                    <EnvironmentSummary env={env} />
                    <div className="ml-auto flex gap-1">
                      <Button size="icon" variant="ghost" aria-label={`Move ${env.display_name} earlier`} title={admin ? undefined : ADMIN_ONLY}
                        disabled={!admin || i === 0 || change.isPending}
                        onClick={() => change.mutate({ route: 'move', body: { environment_id: env.id, position: i - 1 } })}>
                        <ArrowUp aria-hidden />
                      </Button>
                      <Button size="icon" variant="ghost" aria-label={`Move ${env.display_name} later`} title={admin ? undefined : ADMIN_ONLY}
                        disabled={!admin || i === chain.data.active.length - 1 || change.isPending}
                        onClick={() => change.mutate({ route: 'move', body: { environment_id: env.id, position: i + 1 } })}>
                        <ArrowDown aria-hidden />
                      </Button>
                      <EnvironmentSettingsDialog env={env} disabled={!admin} disabledReason={ADMIN_ONLY} />
                      {admin ? (
                        <ReasonDialog
                          trigger={<Button size="sm" variant="outline"><Archive aria-hidden /> Archive</Button>}
                          title={`Archive ${env.display_name}?`}
                          description="It leaves the chain and takes no new deployments or runs. Its deployments, versions, runs and configuration history stay readable, and an admin can restore it."
                          confirmLabel="Archive" schema={archiveSchema}
                          onConfirm={(reason) => change.mutateAsync({ route: 'archive', body: { environment_id: env.id, reason } })}
                        />
                      ) : <Button size="sm" variant="outline" disabled title={ADMIN_ONLY}><Archive aria-hidden /> Archive</Button>}
                    </div>
                  </li>
                ))}
              </ol>
              {chain.data.archived.length > 0 && (
                <section aria-labelledby="archived-title" className="flex flex-col gap-2">
                  <h3 id="archived-title" className="text-sm font-medium">Archived</h3>
                  <ul className="flex flex-col divide-y rounded-md border border-dashed">
                    {chain.data.archived.map((env) => (
                      <li key={env.id} className="flex flex-wrap items-center gap-3 px-3 py-2 text-sm" data-testid={`archived-${env.key}`}>
                        <EnvironmentSummary env={env} />
                        {env.archive_reason && <span className="text-xs text-muted-foreground">“{env.archive_reason}”</span>}
                        <div className="ml-auto">
                          {admin ? (
                            <ConfirmDialog
                              trigger={<Button size="sm" variant="outline"><RotateCcw aria-hidden /> Restore</Button>}
                              title={`Restore ${env.display_name}?`}
                              description="It comes back at the end of the chain and takes deployments and runs again."
                              confirmLabel="Restore" destructive={false}
                              onConfirm={() => change.mutateAsync({ route: 'restore', body: { environment_id: env.id } })}
                            />
                          ) : <Button size="sm" variant="outline" disabled title={ADMIN_ONLY}><RotateCcw aria-hidden /> Restore</Button>}
                        </div>
                      </li>
                    ))}
                  </ul>
                </section>
              )}
            </>
          )}
      </CardContent>
    </Card>
  )
}

function EnvironmentSummary({ env }: { env: ChainEnvironment }) {
  return (
    <span className="flex flex-wrap items-center gap-2">
      <span className="font-medium">{env.display_name}</span>
      <code className="text-xs text-muted-foreground">{env.key}</code>
      <Badge>{TIER_LABELS[env.tier]}</Badge>
      {env.archived_at && <Badge tone="warning">Archived</Badge>}
      <span className="text-xs text-muted-foreground">
        {env.required_approvals} approval{env.required_approvals === 1 ? '' : 's'} · {STRATEGY_LABELS[env.deploy_strategy]}
      </span>
    </span>
  )
}
