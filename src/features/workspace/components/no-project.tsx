import { useIsFetching, useQueryClient } from '@tanstack/react-query'
import { FolderPlus } from 'lucide-react'
import { useState, type FormEvent } from 'react'
import { Link } from 'react-router'
import { Alert } from '../../../components/ui/alert.tsx'
import { Button } from '../../../components/ui/button.tsx'
import { Card, CardContent, CardHeader, CardTitle } from '../../../components/ui/card.tsx'
import { Input, Textarea } from '../../../components/ui/input.tsx'
import { can } from '../../../lib/permissions.ts'
import { queryKeys } from '../../../lib/query-keys.ts'
import { useOrganization, useWorkspace } from '../../../lib/workspace.ts'
import { useCreateProject } from '../api/create-project.ts'
import { projectErrors, type FormErrors, type ProjectForm } from '../lib/onboarding.ts'
import { Field } from './field.tsx'

/** An organization with no project yet: its admins create the first one; everyone else is told who can. */
export function NoProject() {
  const { role } = useWorkspace()
  const organization = useOrganization()
  return (
    <div className="mx-auto max-w-lg py-12">
      <Card>
        <CardHeader>
          <CardTitle className="flex items-center gap-2 text-base"><FolderPlus className="size-5" aria-hidden /> {organization.name} has no project yet</CardTitle>
        </CardHeader>
        <CardContent className="flex flex-col gap-4 text-sm">
          {can(role, 'manageMembers') ? <CreateProjectForm organizationId={organization.id} /> : <WaitForProject />}
        </CardContent>
      </Card>
    </div>
  )
}

function CreateProjectForm({ organizationId }: { organizationId: string }) {
  const { user, setProject } = useWorkspace()
  const create = useCreateProject(user.id, organizationId)
  const [values, setValues] = useState<ProjectForm>({ name: '', description: '' })
  const [errors, setErrors] = useState<FormErrors<ProjectForm> | null>(null)
  const [refusal, setRefusal] = useState<string | null>(null)
  const update = (next: ProjectForm) => {
    setValues(next)
    if (errors) setErrors(projectErrors(next))
  }
  const submit = async (event: FormEvent) => {
    event.preventDefault()
    const found = projectErrors(values)
    setErrors(found)
    setRefusal(null)
    if (Object.keys(found).length) return
    try {
      setProject((await create.mutateAsync(values)).id)
    } catch (e) {
      setRefusal((e as Error).message)
    }
  }
  return (
    <>
      <p className="text-muted-foreground">A project holds pipelines, runs, environments and their deployments. Create the first one.</p>
      <form className="flex flex-col gap-4" onSubmit={(e) => void submit(e)} noValidate aria-label="Create a project">
        <Field label="Project name" error={errors?.name} hint="Unique in the organization.">
          <Input autoComplete="off" placeholder="e.g. storefront" value={values.name} onChange={(e) => update({ ...values, name: e.target.value })} />
        </Field>
        <Field label="Description" error={errors?.description}>
          <Textarea placeholder="What it builds and deploys (optional)" value={values.description} onChange={(e) => update({ ...values, description: e.target.value })} />
        </Field>
        {refusal && <Alert tone="danger">{refusal}</Alert>}
        <Button type="submit" disabled={create.isPending}>{create.isPending ? 'Creating…' : 'Create project'}</Button>
      </form>
      <p className="text-muted-foreground">
        Or <Link className="text-primary underline-offset-4 hover:underline" to="/onboarding">set up step by step</Link>: connect GitHub and create the project from a repository, its environments, then invite the team.
      </p>
    </>
  )
}

/** Projects are not in the Realtime publication, so a viewer or operator checks again by hand. */
function WaitForProject() {
  const { role } = useWorkspace()
  const queryClient = useQueryClient()
  const checking = useIsFetching({ queryKey: queryKeys.workspace.all }) > 0
  return (
    <>
      <p data-testid="no-project-message">
        You are {role === 'operator' ? 'an' : 'a'} <strong>{role}</strong> here; only the organization's admins create projects.
        Ask one to create the first, then check again.
      </p>
      <Button variant="outline" className="self-start" disabled={checking}
        onClick={() => void queryClient.invalidateQueries({ queryKey: queryKeys.workspace.all })}>Check again</Button>
    </>
  )
}
