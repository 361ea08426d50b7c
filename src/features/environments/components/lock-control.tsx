import { Lock, LockOpen } from 'lucide-react'
import { Button } from '../../../components/ui/button.tsx'
import { toast } from '../../../components/ui/toaster.tsx'
import { useWorkspace } from '../../../lib/workspace.ts'
import type { BoardEnvironment } from '../api/get-environment-board.ts'
import { lockInput, useSetLock } from '../api/set-lock.ts'
import { BreakGlassDialog } from '../../governance/components/break-glass-dialog.tsx'
import { LockCountdown } from '../../governance/components/lock-countdown.tsx'
import { LockDialog } from '../../governance/components/lock-dialog.tsx'
import type { ControlState } from '../lib/environment-actions.ts'
import { ReasonDialog } from '../../../components/reason-dialog.tsx'
import { RefusedButton } from './refused-button.tsx'

/**
 * Lock or unlock the environment. Needs lock here (`state`, from environment_actions; admins by default):
 * hidden from those whose role never had it, disabled with the reason when an admin denied it.
 */
export function LockControl({ env, state }: { env: BoardEnvironment; state: ControlState }) {
  const { user, project, organization, role } = useWorkspace()
  const glass = role === 'admin' && organization
    ? <BreakGlassDialog target={{ organizationId: organization.id, projectId: project!.id, environmentId: env.id, userId: user.id }} envKey={env.key} />
    : null
  return <span className="flex flex-wrap items-center gap-2"><LockToggle env={env} state={state} />{glass}</span>
}

/** Locking opens the governance lock dialog (reason, who may break glass, TTL); unlocking asks why. */
function LockToggle({ env, state }: { env: BoardEnvironment; state: ControlState }) {
  const { user, project } = useWorkspace()
  const setLock = useSetLock({ projectId: project!.id, environmentId: env.id, lockId: env.lock?.id ?? null, userId: user.id })
  if (state.kind === 'hidden') return null
  const locked = env.lock?.is_locked ?? false
  const label = <>{locked ? <LockOpen aria-hidden /> : <Lock aria-hidden />}{locked ? `Unlock ${env.key}` : `Lock ${env.key}`}</>
  if (state.kind === 'disabled') return <RefusedButton reason={state.reason} variant={locked ? 'outline' : 'destructive'}>{label}</RefusedButton>
  if (!locked) return <LockDialog target={{ projectId: project!.id, environmentId: env.id, lockId: env.lock?.id ?? null, userId: user.id }} envKey={env.key} envName={env.display_name} />
  return (
    <>
      <LockCountdown environmentId={env.id} envKey={env.key} locked />
      <ReasonDialog
        trigger={<Button variant="outline" size="sm">{label}</Button>}
        title={`Unlock ${env.display_name}?`}
        description={`Deploys and rollbacks into ${env.key} will be allowed again for operators, subject to approvals and freeze windows.`}
        confirmLabel="Confirm unlock"
        destructive={false}
        schema={lockInput}
        onConfirm={async (reason) => {
          await setLock.mutateAsync({ locked: false, reason })
          toast({ title: `${env.key} unlocked`, description: reason, tone: 'success' })
        }}
      />
    </>
  )
}
