import { zodResolver } from '@hookform/resolvers/zod'
import { useState } from 'react'
import { useForm } from 'react-hook-form'
import { FormField } from '../../../components/form-field.tsx'
import { Alert } from '../../../components/ui/alert.tsx'
import { Button } from '../../../components/ui/button.tsx'
import { Input, NativeSelect } from '../../../components/ui/input.tsx'
import { formatDateTime } from '../../../lib/format.ts'
import { invitationLink, inviteSchema, useInviteMember, type CreatedInvitation, type InviteForm } from '../api/invitations.ts'
import { ROLES, roleMeta } from '../lib/roles.ts'
import { CopyField } from '../../../components/copy-field.tsx'
import { useInvitationEmails } from '../api/deliveries.ts'
import { InvitationEmailStatus } from './invitation-email-status.tsx'

/** An admin invites an address with a role and gets the link to send them; the link is shown this once. */
export function InviteMemberForm({ orgId }: { orgId: string }) {
  const invite = useInviteMember(orgId)
  const [created, setCreated] = useState<(CreatedInvitation & { role: InviteForm['role'] }) | null>(null)
  const [refusal, setRefusal] = useState<string | null>(null)
  const form = useForm<InviteForm>({ resolver: zodResolver(inviteSchema), defaultValues: { email: '', role: 'operator' } })
  const { register, formState: { errors, isSubmitting } } = form
  const submit = form.handleSubmit(async (values) => {
    setRefusal(null)
    setCreated(null)
    try {
      setCreated({ ...(await invite.mutateAsync(values)), role: values.role })
      form.reset({ email: '', role: values.role })
    } catch (e) {
      setRefusal((e as Error).message)
    }
  })
  return (
    <div className="flex flex-col gap-3">
      <form className="flex flex-wrap items-start gap-3" onSubmit={(e) => void submit(e)} noValidate aria-label="Invite a member">
        <div className="min-w-64 flex-1">
          <FormField label="Email" error={errors.email?.message}>
            <Input type="email" autoComplete="off" placeholder="colleague@example.com" {...register('email')} />
          </FormField>
        </div>
        <div className="w-40">
          <FormField label="Role">
            <NativeSelect {...register('role')}>
              {ROLES.map((r) => <option key={r} value={r}>{roleMeta[r].label}</option>)}
            </NativeSelect>
          </FormField>
        </div>
        <Button type="submit" className="mt-6" disabled={isSubmitting}>{isSubmitting ? 'Inviting…' : 'Invite'}</Button>
      </form>
      {refusal && <Alert tone="danger">{refusal}</Alert>}
      {created && (
        <Alert tone="success" className="flex flex-col gap-2" data-testid="invitation-created">
          <p>
            Invitation for <strong>{created.email}</strong> as {roleMeta[created.role].label.toLowerCase()}, valid until {formatDateTime(created.expiresAt)}.
            Send them this link: it is shown only now, works once, and only for that address.
          </p>
          <CopyField value={invitationLink(created.token)} label="invitation link" testId="invitation-link" />
          <CreatedEmailStatus orgId={orgId} invitationId={created.invitationId} />
        </Alert>
      )}
    </div>
  )
}

/** Whether the new invitation is being emailed too, live (the same rows as the pending list). */
function CreatedEmailStatus({ orgId, invitationId }: { orgId: string; invitationId: string }) {
  const emails = useInvitationEmails(orgId)
  if (!emails.data) return null
  return <InvitationEmailStatus emails={emails.data.filter((e) => e.event_key === `invitation:${invitationId}`)} />
}
