import { Undo2 } from 'lucide-react'
import { Button } from '../../../components/ui/button.tsx'
import { toast } from '../../../components/ui/toaster.tsx'
import { rollbackInput, useRollBack } from '../api/roll-back.ts'
import { ReasonDialog } from './reason-dialog.tsx'

/** "Roll back to <version>": asks for a reason, then calls rollback-deployment; the board updates live. */
export function RollbackButton({ environment, version, currentTag }: {
  environment: { id: string; key: string }
  version: { id: string; version_tag: string }
  currentTag: string
}) {
  const rollBack = useRollBack(environment.id)
  return (
    <ReasonDialog
      trigger={<Button size="sm" variant="outline"><Undo2 aria-hidden />Roll back to {version.version_tag}</Button>}
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
