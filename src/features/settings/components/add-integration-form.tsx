import { zodResolver } from '@hookform/resolvers/zod'
import { Plus } from 'lucide-react'
import { useState } from 'react'
import { useForm } from 'react-hook-form'
import { FormField } from '../../../components/form-field.tsx'
import { Alert } from '../../../components/ui/alert.tsx'
import { Button } from '../../../components/ui/button.tsx'
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle, DialogTrigger } from '../../../components/ui/dialog.tsx'
import { Input } from '../../../components/ui/input.tsx'
import { integrationInput, useCreateIntegration, type IntegrationInput } from '../api/create-integration.ts'

const defaults: IntegrationInput = { repository_owner: '', repository_name: '', workflow_file: '.github/workflows/ci.yml', default_branch: 'main' }

/** docs/github.md step 1: connect a repository to the project (organization admins). */
export function AddIntegrationForm({ projectId, userId }: { projectId: string; userId: string }) {
  const [open, setOpen] = useState(false)
  const create = useCreateIntegration(projectId, userId)
  const { register, handleSubmit, reset, formState: { errors, isSubmitting } } = useForm<IntegrationInput>({
    resolver: zodResolver(integrationInput), defaultValues: defaults,
  })
  const change = (next: boolean) => { setOpen(next); if (!next) { reset(defaults); create.reset() } }
  const submit = handleSubmit(async (values) => {
    await create.mutateAsync(values).then(() => change(false), () => undefined)
  })
  return (
    <Dialog open={open} onOpenChange={change}>
      <DialogTrigger asChild><Button size="sm"><Plus className="size-4" aria-hidden />Connect repository</Button></DialogTrigger>
      <DialogContent>
        <form onSubmit={submit} className="flex flex-col gap-4">
          <DialogHeader>
            <DialogTitle>Connect a GitHub repository</DialogTitle>
            <DialogDescription>Pushes to it can start this project's pipelines through branch mappings; its workflow runs are recorded.</DialogDescription>
          </DialogHeader>
          <div className="grid gap-3 sm:grid-cols-2">
            <FormField label="Repository owner" error={errors.repository_owner?.message}><Input placeholder="acme" autoFocus {...register('repository_owner')} /></FormField>
            <FormField label="Repository name" error={errors.repository_name?.message}><Input placeholder="payments-api" {...register('repository_name')} /></FormField>
          </div>
          <FormField label="Workflow file" hint="The workflow GitHub workflow steps run by default" error={errors.workflow_file?.message}><Input {...register('workflow_file')} /></FormField>
          <FormField label="Default branch" error={errors.default_branch?.message}><Input {...register('default_branch')} /></FormField>
          {create.isError && <Alert tone="danger">{create.error.message}</Alert>}
          <DialogFooter>
            <Button type="button" variant="outline" onClick={() => change(false)}>Cancel</Button>
            <Button type="submit" disabled={isSubmitting}>Connect</Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  )
}
