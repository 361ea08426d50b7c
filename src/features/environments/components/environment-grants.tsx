import { Trash2 } from 'lucide-react'
import { ConfirmDialog } from '../../../components/confirm-dialog.tsx'
import { EmptyState, ErrorState, LoadingRows } from '../../../components/states.tsx'
import { Alert } from '../../../components/ui/alert.tsx'
import { Badge } from '../../../components/ui/badge.tsx'
import { Button } from '../../../components/ui/button.tsx'
import { NativeSelect } from '../../../components/ui/input.tsx'
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '../../../components/ui/table.tsx'
import { formatDateTime, timeAgo } from '../../../lib/format.ts'
import { useEnvironmentGrants, type EnvironmentGrant } from '../api/get-environment-grants.ts'
import { useGrantSubjects } from '../api/get-grant-subjects.ts'
import { useGrantMutations, type GrantTarget } from '../api/save-grant.ts'
import { actionMeta, effectMeta, type PermissionEffect } from '../lib/environment-actions.ts'
import { GrantForm } from './grant-form.tsx'

/** The grants on an environment for organization admins: who, what, allow or deny, why, who set it; add, change, remove. */
export function EnvironmentGrants({ target, envKey }: { target: GrantTarget; envKey: string }) {
  const grants = useEnvironmentGrants(target.environmentId)
  const subjects = useGrantSubjects(target.organizationId)
  const { add, setEffect, remove } = useGrantMutations(target)
  const failure = setEffect.error ?? remove.error
  const subjectOf = (g: EnvironmentGrant) => `${g.subject.kind === 'team' ? 'team ' : ''}${g.subject.name}`
  return (
    <section aria-labelledby="grants-title" className="flex flex-col gap-3">
      <div>
        <h3 id="grants-title" className="text-base font-semibold">Grants on {envKey}</h3>
        <p className="text-sm text-muted-foreground">
          Each grant allows or denies one action to a member or a team here. A deny beats any allow (a team's deny
          beats a personal allow), an allow gives what the role does not, and with no grant the role decides.
        </p>
      </div>
      {failure && <Alert tone="danger">{failure.message}</Alert>}
      {grants.isPending ? <LoadingRows rows={2} />
        : grants.isError ? <ErrorState error={grants.error} onRetry={() => void grants.refetch()} />
        : grants.data.length === 0 ? <EmptyState title="No grants here" description="Everyone has what their role gives them." />
        : (
          <Table aria-label={`Grants on ${envKey}`}>
            <TableHeader>
              <TableRow>
                <TableHead>Member or team</TableHead><TableHead>Action</TableHead><TableHead>Effect</TableHead>
                <TableHead>Reason</TableHead><TableHead>Set by</TableHead><TableHead><span className="sr-only">Remove</span></TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {grants.data.map((g) => (
                <TableRow key={g.id} data-testid="grant-row" data-grant-id={g.id} data-action={g.action} data-effect={g.effect}>
                  <TableCell>
                    <span className="flex items-center gap-2">{g.subject.name}<Badge tone="neutral">{g.subject.kind === 'team' ? 'Team' : 'Member'}</Badge></span>
                  </TableCell>
                  <TableCell>{actionMeta[g.action].label}</TableCell>
                  <TableCell>
                    <NativeSelect
                      aria-label={`Effect of ${actionMeta[g.action].label} for ${subjectOf(g)}`} value={g.effect} disabled={setEffect.isPending}
                      className={g.effect === 'deny' ? 'w-28 text-destructive' : 'w-28'}
                      onChange={(e) => setEffect.mutate({ id: g.id, effect: e.target.value as PermissionEffect })}
                    >
                      {(['allow', 'deny'] as const).map((e) => <option key={e} value={e}>{effectMeta[e].label}</option>)}
                    </NativeSelect>
                  </TableCell>
                  <TableCell className={g.reason ? 'text-sm' : 'text-sm text-muted-foreground'}>{g.reason ?? 'No reason given'}</TableCell>
                  <TableCell className="text-xs">
                    {g.setByName ?? 'Unknown'} · <span title={formatDateTime(g.created_at)}>{timeAgo(g.created_at)}</span>
                    {g.updated_at !== g.created_at && <> · changed <span title={formatDateTime(g.updated_at)}>{timeAgo(g.updated_at)}</span></>}
                  </TableCell>
                  <TableCell className="text-right">
                    <ConfirmDialog
                      trigger={<Button size="icon" variant="ghost" aria-label={`Remove ${actionMeta[g.action].label} grant for ${subjectOf(g)}`}><Trash2 aria-hidden /></Button>}
                      title={`Remove the ${g.effect} of ${actionMeta[g.action].label} for ${subjectOf(g)}?`}
                      description={`${subjectOf(g)} goes back to what their role (and any other grant) gives them for ${actionMeta[g.action].label.toLowerCase()} on ${envKey}.`}
                      confirmLabel="Remove grant"
                      onConfirm={() => remove.mutateAsync(g.id).catch(() => undefined)}
                    />
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      {subjects.isError ? <ErrorState error={subjects.error} onRetry={() => void subjects.refetch()} />
        : subjects.data ? <GrantForm envKey={envKey} subjects={subjects.data} onAdd={(input) => add.mutateAsync(input)} />
        : <LoadingRows rows={1} />}
    </section>
  )
}
