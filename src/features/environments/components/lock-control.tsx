import { Lock, LockOpen } from 'lucide-react'
import { Button } from '../../../components/ui/button.tsx'
import { toast } from '../../../components/ui/toaster.tsx'
import { can } from '../../../lib/permissions.ts'
import { useWorkspace } from '../../../lib/workspace.ts'
import type { BoardEnvironment } from '../api/get-environment-board.ts'
import { lockInput, useSetLock } from '../api/set-lock.ts'
import { ReasonDialog } from './reason-dialog.tsx'

/** Lock or unlock the environment (admins only; nothing is shown to anyone else). */
export function LockControl({ env }: { env: BoardEnvironment }) {
  const { user, role, project } = useWorkspace()
  const setLock = useSetLock({ projectId: project!.id, environmentId: env.id, lockId: env.lock?.id ?? null, userId: user.id })
  if (!can(role, 'manageLocks')) return null
  const locked = env.lock?.is_locked ?? false
  return (
    <ReasonDialog
      trigger={<Button variant={locked ? 'outline' : 'destructive'} size="sm">{locked ? <LockOpen aria-hidden /> : <Lock aria-hidden />}{locked ? `Unlock ${env.key}` : `Lock ${env.key}`}</Button>}
      title={locked ? `Unlock ${env.display_name}?` : `Lock ${env.display_name}?`}
      description={locked
        ? `Deploys and rollbacks into ${env.key} will be allowed again for operators, subject to approvals and freeze windows.`
        : `Deploys and rollbacks into ${env.key} will be refused for everyone below ${env.lock?.required_role ?? 'admin'}; an admin override is recorded as break-glass.`}
      confirmLabel={locked ? 'Confirm unlock' : 'Confirm lock'}
      destructive={!locked}
      schema={lockInput}
      onConfirm={async (reason) => {
        await setLock.mutateAsync({ locked: !locked, reason })
        toast({ title: locked ? `${env.key} unlocked` : `${env.key} locked`, description: reason, tone: 'success' })
      }}
    />
  )
}
