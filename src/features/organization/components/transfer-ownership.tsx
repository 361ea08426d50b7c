import { useState } from 'react'
import { ConfirmDialog } from '../../../components/confirm-dialog.tsx'
import { Alert } from '../../../components/ui/alert.tsx'
import { Button } from '../../../components/ui/button.tsx'
import { NativeSelect } from '../../../components/ui/input.tsx'
import { toast } from '../../../components/ui/toaster.tsx'
import { memberLabel, useMembers } from '../api/get-members.ts'
import { useTransferOrganization } from '../api/manage-organization.ts'

/** The owner hands the organization to another admin (who then alone can delete or transfer it). */
export function TransferOwnership({ orgId, orgName, ownerId }: { orgId: string; orgName: string; ownerId: string | null }) {
  const members = useMembers(orgId)
  const transfer = useTransferOrganization(orgId)
  const [choice, setChoice] = useState('')
  const [refusal, setRefusal] = useState<string | null>(null)
  const admins = (members.data ?? []).filter((m) => m.role === 'admin' && m.user_id !== ownerId)
  const heir = admins.find((m) => m.user_id === choice)
  if (admins.length === 0) {
    return <p className="text-sm text-muted-foreground">To transfer ownership, first make another member an admin.</p>
  }
  return (
    <div className="flex flex-col gap-2">
      <div className="flex flex-wrap gap-2">
        <NativeSelect aria-label="New owner" className="max-w-xs" value={choice} onChange={(e) => { setChoice(e.target.value); setRefusal(null) }}>
          <option value="">Choose an admin…</option>
          {admins.map((m) => <option key={m.user_id} value={m.user_id}>{memberLabel(m)}</option>)}
        </NativeSelect>
        {heir ? (
          <ConfirmDialog
            trigger={<Button variant="outline">Transfer ownership</Button>}
            title={`Make ${memberLabel(heir)} the owner of ${orgName}?`}
            description={`${memberLabel(heir)} becomes the owner: only they can delete ${orgName} or transfer it again. You stay an admin, and they can change your role.`}
            confirmLabel="Transfer ownership"
            onConfirm={() => transfer.mutateAsync(heir.user_id).then(
              () => { setChoice(''); toast({ title: `${memberLabel(heir)} now owns ${orgName}`, tone: 'success' }) },
              (e: Error) => setRefusal(e.message),
            )}
          />
        ) : <Button variant="outline" disabled>Transfer ownership</Button>}
      </div>
      {refusal && <Alert tone="danger">{refusal}</Alert>}
    </div>
  )
}
