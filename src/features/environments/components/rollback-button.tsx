import { Undo2 } from 'lucide-react'
import { Button } from '../../../components/ui/button.tsx'
import { toast } from '../../../components/ui/toaster.tsx'
import { rollbackInput, useRollBack } from '../api/roll-back.ts'
import { ReasonDialog } from '../../../components/reason-dialog.tsx'
import { RefusedButton } from './refused-button.tsx'

/**
 * "Roll back to <version>": asks for a reason, then calls rollback-deployment; the board updates live. With a
 * `refusal` (the database's sentence and the id of where it is shown) it is disabled and says why.
 */
export function RollbackButton({ environment, version, currentTag, refusal }: {
  environment: { id: string; key: string }
  version: { id: string; version_tag: string }
  currentTag: string
  refusal?: { reason: string; describedBy: string }
}) {
  const rollBack = useRollBack(environment.id)
  const label = <><Undo2 aria-hidden />Roll back to {version.version_tag}</>
  if (refusal) return <RefusedButton reason={refusal.reason} describedBy={refusal.describedBy}>{label}</RefusedButton>
  return (
    <ReasonDialog
      trigger={<Button size="sm" variant="outline">{label}</Button>}
      title={`Roll back ${environment.key} to ${version.version_tag}?`}
      description={`${environment.key} runs ${currentTag} now. A rollback deployment makes ${version.version_tag} current again and marks the ${currentTag} deployment as rolled back. Locks and freeze windows still apply.`}
      confirmLabel="Confirm rollback"
      cancelLabel={`Keep ${currentTag}`}
      schema={rollbackInput}
      onConfirm={async (reason) => {
        const result = await rollBack.mutateAsync({ versionId: version.id, reason })
        toast({ title: `${environment.key} rolled back to ${result.version.version_tag}`, description: reason, tone: 'success' })
      }}
    />
  )
}
