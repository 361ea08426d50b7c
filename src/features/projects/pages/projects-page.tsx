import { Archive, ArchiveRestore, Plus } from 'lucide-react'
import { useState } from 'react'
import { ConfirmDialog } from '../../../components/confirm-dialog.tsx'
import { EmptyState, ErrorState, LoadingRows, PageHeader } from '../../../components/states.tsx'
import { Alert } from '../../../components/ui/alert.tsx'
import { Badge } from '../../../components/ui/badge.tsx'
import { Button } from '../../../components/ui/button.tsx'
import { Dialog, DialogContent, DialogDescription, DialogHeader, DialogTitle } from '../../../components/ui/dialog.tsx'
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '../../../components/ui/table.tsx'
import { timeAgo } from '../../../lib/format.ts'
import { useOrganization, useWorkspace } from '../../../lib/workspace.ts'
import { useOrgToken } from '../../settings/api/org-token.ts'
import { useArchiveProject, useProjects, type ProjectRow } from '../api/get-projects.ts'
import { EmptyProjectForm, RepositoryPicker } from '../components/new-project-forms.tsx'

/** The organization's projects: create one (from a GitHub repository or empty), archive and restore (admins). */
export default function ProjectsPage() {
  const organization = useOrganization()
  const { user, setProject } = useWorkspace()
  const isAdmin = organization.role === 'admin'
  const projects = useProjects(organization.id)
  const [creating, setCreating] = useState(false)
  const created = (id: string) => { setCreating(false); setProject(id) }
  return (
    <>
      <PageHeader title="Projects" description={`What ${organization.name} builds and deploys. Archived projects keep their history and start nothing.`}
        actions={isAdmin && <Button onClick={() => setCreating(true)}><Plus aria-hidden /> New project</Button>} />
      <Dialog open={creating} onOpenChange={setCreating}>
        <DialogContent className="max-w-xl">
          <DialogHeader>
            <DialogTitle>New project</DialogTitle>
            <DialogDescription>From a GitHub repository (its language and build tool are detected and the repository is linked), or empty.</DialogDescription>
          </DialogHeader>
          <NewProject orgId={organization.id} userId={user.id} onCreated={created} />
        </DialogContent>
      </Dialog>
      {projects.isPending ? <LoadingRows rows={4} />
        : projects.isError ? <ErrorState error={projects.error} onRetry={() => void projects.refetch()} />
        : projects.data.length === 0 ? <EmptyState title="No projects yet" description={isAdmin ? 'Create the first one from a repository.' : 'An admin of this organization creates projects.'} />
        : (
          <div className="flex flex-col gap-8">
            <ProjectTable label="Active projects" rows={projects.data.filter((p) => !p.archived_at)} orgId={organization.id} isAdmin={isAdmin} />
            {projects.data.some((p) => p.archived_at) && (
              <section aria-labelledby="archived-heading" className="flex flex-col gap-2">
                <h2 id="archived-heading" className="text-sm font-medium text-muted-foreground">Archived</h2>
                <ProjectTable label="Archived projects" rows={projects.data.filter((p) => p.archived_at)} orgId={organization.id} isAdmin={isAdmin} />
              </section>
            )}
          </div>
        )}
    </>
  )
}

function NewProject({ orgId, userId, onCreated }: { orgId: string; userId: string; onCreated: (id: string) => void }) {
  const token = useOrgToken(orgId)
  return (
    <div className="flex flex-col gap-6">
      {token.data ? <RepositoryPicker orgId={orgId} onProject={onCreated} disabled={false} />
        : token.isPending ? <LoadingRows rows={1} />
        : <Alert>Connect GitHub on the Settings page to create projects from repositories.</Alert>}
      <EmptyProjectForm orgId={orgId} userId={userId} onProject={onCreated} disabled={false} />
    </div>
  )
}

function ProjectTable({ label, rows, orgId, isAdmin }: { label: string; rows: ProjectRow[]; orgId: string; isAdmin: boolean }) {
  const archive = useArchiveProject(orgId)
  if (rows.length === 0) return <p className="text-sm text-muted-foreground">No active projects: restore one below or create a new one.</p>
  return (
    <>
      {archive.isError && <Alert tone="danger">{archive.error.message}</Alert>}
      <Table aria-label={label}>
        <TableHeader>
          <TableRow><TableHead>Project</TableHead><TableHead>Built with</TableHead><TableHead>Environments</TableHead><TableHead>Repository</TableHead><TableHead><span className="sr-only">Actions</span></TableHead></TableRow>
        </TableHeader>
        <TableBody>
          {rows.map((p) => (
            <TableRow key={p.id}>
              <TableCell>
                <div className="font-medium">{p.name}</div>
                <div className="text-xs text-muted-foreground">{p.archived_at ? `archived ${timeAgo(p.archived_at)}` : p.description ?? `created ${timeAgo(p.created_at)}`}</div>
              </TableCell>
              <TableCell className="flex flex-wrap gap-1">
                {p.language && <Badge>{p.language}</Badge>}
                {p.build_tool && <Badge>{p.build_tool}</Badge>}
                {!p.language && !p.build_tool && <span className="text-xs text-muted-foreground">not detected</span>}
              </TableCell>
              <TableCell>{p.environmentCount}</TableCell>
              <TableCell>{p.github_repo_url ? <a className="text-sm underline-offset-4 hover:underline" href={p.github_repo_url} target="_blank" rel="noreferrer">{p.github_repo_url.replace('https://github.com/', '')}</a> : <span className="text-xs text-muted-foreground">none</span>}</TableCell>
              <TableCell className="text-right">
                {isAdmin && (p.archived_at
                  ? <Button size="sm" variant="outline" aria-label={`Restore ${p.name}`} onClick={() => archive.mutate({ id: p.id, archived: false })}><ArchiveRestore aria-hidden /> Restore</Button>
                  : <ConfirmDialog title={`Archive ${p.name}?`} confirmLabel="Archive project"
                      description="Its runs, deployments and audit history stay readable. New runs and deployments are refused until an admin restores it."
                      onConfirm={() => archive.mutateAsync({ id: p.id, archived: true })}
                      trigger={<Button size="sm" variant="ghost" aria-label={`Archive ${p.name}`}><Archive aria-hidden /> Archive</Button>} />)}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </>
  )
}
