import { useState } from 'react'
import { FormField } from '../../../components/form-field.tsx'
import { ErrorState, LoadingRows } from '../../../components/states.tsx'
import { Alert } from '../../../components/ui/alert.tsx'
import { Badge } from '../../../components/ui/badge.tsx'
import { Button } from '../../../components/ui/button.tsx'
import { Input, NativeSelect } from '../../../components/ui/input.tsx'
import { useSaveOrgToken } from '../../settings/api/save-org-token.ts'
import { useCreateProject } from '../../workspace/api/create-project.ts'
import { useCreateProjectFromRepository, useRepositories, useRepositoryStack } from '../api/repositories.ts'

/** The organization's GitHub token, checked by GitHub before it is saved (admins). */
export function TokenForm({ orgId }: { orgId: string }) {
  const save = useSaveOrgToken(orgId)
  const [value, setValue] = useState('')
  return (
    <form className="flex flex-col gap-2" onSubmit={(e) => { e.preventDefault(); save.mutate({ token: value }) }}>
      <FormField label="GitHub personal access token" hint="Scopes repo and workflow (classic), or Contents read and Actions read/write (fine-grained). GitHub checks it before it is saved; it is stored sealed and never shown again.">
        <Input type="password" autoComplete="off" placeholder="ghp_… or github_pat_…" value={value} onChange={(e) => setValue(e.target.value)} />
      </FormField>
      <div><Button type="submit" disabled={save.isPending || value.trim().length < 20}>{save.isPending ? 'Checking with GitHub…' : 'Connect GitHub'}</Button></div>
      {save.isError && <Alert tone="danger">{save.error.message}</Alert>}
    </form>
  )
}

/** A project from one of the repositories the token sees, with what it is built with shown first. */
export function RepositoryPicker({ orgId, onProject, disabled }: { orgId: string; onProject: (id: string) => void; disabled: boolean }) {
  const repositories = useRepositories(orgId, true)
  const [repository, setRepository] = useState<string | null>(null)
  const stack = useRepositoryStack(orgId, repository)
  const create = useCreateProjectFromRepository(orgId)
  if (repositories.isPending) return <LoadingRows rows={2} />
  if (repositories.isError) return <ErrorState error={repositories.error} onRetry={() => void repositories.refetch()} />
  return (
    <section aria-labelledby="repo-heading" className="flex flex-col gap-3">
      <h3 id="repo-heading" className="text-sm font-medium">Create a project from a repository</h3>
      <FormField label="Repository">
        <NativeSelect value={repository ?? ''} onChange={(e) => setRepository(e.target.value || null)} disabled={disabled}>
          <option value="">Choose a repository…</option>
          {repositories.data.map((r) => <option key={r.id} value={r.full_name}>{r.full_name}{r.private ? ' (private)' : ''}</option>)}
        </NativeSelect>
      </FormField>
      {repository && stack.isPending && <LoadingRows rows={1} />}
      {stack.isError && <Alert tone="danger">{stack.error.message}</Alert>}
      {stack.data && (
        <div className="flex flex-wrap items-center gap-2 text-sm" data-testid="detected-stack">
          <span>Detected:</span>
          <Badge>{stack.data.language ?? 'no language yet'}</Badge>
          <Badge>{stack.data.buildTool ?? 'no build tool found'}</Badge>
          <span className="text-xs text-muted-foreground">default branch {stack.data.default_branch}</span>
        </div>
      )}
      <div>
        <Button type="button" disabled={disabled || !stack.data || create.isPending}
          onClick={() => repository && create.mutate({ repository }, { onSuccess: (r) => onProject(r.project.id) })}>
          {create.isPending ? 'Creating…' : 'Create project from repository'}
        </Button>
      </div>
      {create.isError && <Alert tone="danger">{create.error.message}</Alert>}
    </section>
  )
}

/** A project with no repository, for teams not on GitHub (yet). */
export function EmptyProjectForm({ orgId, userId, onProject, disabled }: { orgId: string; userId: string; onProject: (id: string) => void; disabled: boolean }) {
  const emptyProject = useCreateProject(userId, orgId)
  const [name, setName] = useState('')
  return (
    <form className="flex flex-col gap-2" onSubmit={(e) => { e.preventDefault(); emptyProject.mutate({ name, description: '' }, { onSuccess: (p) => onProject(p.id) }) }}>
      <h3 className="text-sm font-medium">Or start a project without a repository</h3>
      <div className="flex flex-wrap items-end gap-2">
        <div className="min-w-60 flex-1">
          <FormField label="Project name"><Input value={name} onChange={(e) => setName(e.target.value)} disabled={disabled} maxLength={100} /></FormField>
        </div>
        <Button type="submit" variant="outline" disabled={disabled || !name.trim() || emptyProject.isPending}>Create project</Button>
      </div>
      {emptyProject.isError && <Alert tone="danger">{emptyProject.error.message}</Alert>}
    </form>
  )
}
