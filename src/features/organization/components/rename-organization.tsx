import { zodResolver } from '@hookform/resolvers/zod'
import { useState } from 'react'
import { useForm } from 'react-hook-form'
import { FormField } from '../../../components/form-field.tsx'
import { Alert } from '../../../components/ui/alert.tsx'
import { Button } from '../../../components/ui/button.tsx'
import { Input } from '../../../components/ui/input.tsx'
import { toast } from '../../../components/ui/toaster.tsx'
import { renameSchema, useRenameOrganization, type RenameForm } from '../api/manage-organization.ts'

/** Admins change the organization's name and slug. */
export function RenameOrganization({ orgId, name, slug }: { orgId: string; name: string; slug: string }) {
  const rename = useRenameOrganization(orgId)
  const [refusal, setRefusal] = useState<string | null>(null)
  const form = useForm<RenameForm>({ resolver: zodResolver(renameSchema), values: { name, slug } })
  const { register, formState: { errors, isSubmitting, isDirty } } = form
  const submit = form.handleSubmit(async (values) => {
    setRefusal(null)
    try {
      await rename.mutateAsync(values)
      toast({ title: 'Organization saved', tone: 'success' })
    } catch (e) {
      setRefusal((e as Error).message)
    }
  })
  return (
    <form className="flex flex-col gap-3" onSubmit={(e) => void submit(e)} noValidate aria-label="Rename the organization">
      <div className="grid gap-3 sm:grid-cols-2">
        <FormField label="Organization name" error={errors.name?.message}><Input autoComplete="off" {...register('name')} /></FormField>
        <FormField label="Slug" error={errors.slug?.message} hint="Unique across this installation."><Input autoComplete="off" spellCheck={false} {...register('slug')} /></FormField>
      </div>
      {refusal && <Alert tone="danger">{refusal}</Alert>}
      <Button type="submit" variant="outline" className="self-start" disabled={isSubmitting || !isDirty}>Save name</Button>
    </form>
  )
}
