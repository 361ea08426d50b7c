import { zodResolver } from '@hookform/resolvers/zod'
import type { ReactNode } from 'react'
import { useForm } from 'react-hook-form'
import { FormField } from '../../../components/form-field.tsx'
import { Alert } from '../../../components/ui/alert.tsx'
import { Button } from '../../../components/ui/button.tsx'
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle, DialogTrigger } from '../../../components/ui/dialog.tsx'
import { Input } from '../../../components/ui/input.tsx'
import { toast } from '../../../components/ui/toaster.tsx'
import { useFormDialog } from '../../../lib/use-form-dialog.ts'
import { teamSchema, useSaveTeam, type Team, type TeamForm } from '../api/teams.ts'

/** Creates a team (no `team`) or renames one; the database's refusal stays in the dialog. */
export function TeamDialog({ orgId, team, trigger }: { orgId: string; team?: Team; trigger: ReactNode }) {
  const save = useSaveTeam(orgId)
  const initial = () => ({ name: team?.name ?? '', description: team?.description ?? '' })
  const form = useForm<TeamForm>({ resolver: zodResolver(teamSchema), defaultValues: initial() })
  const { register, formState: { errors, isSubmitting } } = form
  const { open, change, submit, refusal } = useFormDialog(form, initial, async (values) => {
    await save.mutateAsync({ values, teamId: team?.id })
    toast({ title: team ? `Team ${values.name.trim()} saved` : `Team ${values.name.trim()} created`, tone: 'success' })
  })
  return (
    <Dialog open={open} onOpenChange={change}>
      <DialogTrigger asChild>{trigger}</DialogTrigger>
      <DialogContent>
        <form className="flex flex-col gap-4" onSubmit={(e) => void submit(e)} noValidate>
          <DialogHeader>
            <DialogTitle>{team ? `Rename ${team.name}` : 'New team'}</DialogTitle>
            <DialogDescription>A team groups members of the organization, for example for approval policies.</DialogDescription>
          </DialogHeader>
          <FormField label="Team name" error={errors.name?.message} hint="Unique in the organization.">
            <Input autoFocus autoComplete="off" placeholder="e.g. Platform" {...register('name')} />
          </FormField>
          <FormField label="Description" error={errors.description?.message}>
            <Input autoComplete="off" placeholder="What the team does (optional)" {...register('description')} />
          </FormField>
          {refusal && <Alert tone="danger">{refusal}</Alert>}
          <DialogFooter>
            <Button type="button" variant="outline" onClick={() => change(false)}>Cancel</Button>
            <Button type="submit" disabled={isSubmitting}>{team ? 'Save team' : 'Create team'}</Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  )
}
