import { GitBranch } from 'lucide-react'
import { ErrorState, LoadingRows } from '../../../components/states.tsx'
import { Alert } from '../../../components/ui/alert.tsx'
import { EmptyProjectForm, RepositoryPicker, TokenForm } from '../../projects/components/new-project-forms.tsx'
import { useOrgToken } from '../../settings/api/org-token.ts'
import { StepActions } from './step-actions.tsx'

/**
 * Step 1: the organization's GitHub token, then a project from one of its repositories (language and build
 * tool detected) — or a project with no repository, for teams not on GitHub.
 */
export function GithubStep({ orgId, userId, projectId, onProject, onSkip }: {
  orgId: string
  userId: string
  projectId: string | null
  onProject: (projectId: string) => void
  onSkip: () => void
}) {
  const token = useOrgToken(orgId)
  if (token.isPending) return <LoadingRows rows={2} />
  if (token.isError) return <ErrorState error={token.error} onRetry={() => void token.refetch()} />
  return (
    <div className="flex flex-col gap-6">
      {token.data
        ? <p className="flex items-center gap-2 text-sm"><GitBranch className="size-4" aria-hidden /> GitHub is connected with the token ending in <code>{token.data.token_hint}</code>.</p>
        : <TokenForm orgId={orgId} />}
      {token.data && <RepositoryPicker orgId={orgId} onProject={onProject} disabled={Boolean(projectId)} />}
      <EmptyProjectForm orgId={orgId} userId={userId} onProject={onProject} disabled={Boolean(projectId)} />
      {projectId && <Alert tone="success">Project created. Continue to give it its environments.</Alert>}
      <StepActions onSkip={projectId ? undefined : onSkip} onContinue={() => projectId && onProject(projectId)} canContinue={Boolean(projectId)} />
    </div>
  )
}
