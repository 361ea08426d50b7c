import { ShieldOff } from 'lucide-react'
import { Link, useParams } from 'react-router'
import { ErrorState, LoadingRows, PageHeader } from '../../../components/states.tsx'
import { useProject } from '../../../lib/workspace.ts'
import { useEnvironmentActions } from '../api/get-environment-actions.ts'
import { useEnvironmentBoard, type BoardEnvironment, type EnvironmentBoardData } from '../api/get-environment-board.ts'
import { useLiveEnvironments } from '../api/use-live-environments.ts'
import { EnvironmentHeader } from '../components/environment-header.tsx'
import { EnvironmentPermissions } from '../components/environment-permissions.tsx'
import { VersionHistory } from '../components/version-history.tsx'
import { controlState } from '../lib/environment-actions.ts'
import { ConfigurationSection } from '../../environment-admin/components/config-section.tsx'
import { ApprovalPolicySection } from '../../approval-policies/components/approval-policy-section.tsx'
import { EvidenceGatesSection } from '../../evidence-gates/components/evidence-gates-section.tsx'

export default function EnvironmentPage() {
  const { environmentKey } = useParams()
  const project = useProject()
  const board = useEnvironmentBoard(project.id)
  useLiveEnvironments(project.id)
  const env = board.data?.environments.find((e) => e.key === environmentKey)
  return (
    <>
      <PageHeader
        title={env ? env.display_name : environmentKey ?? 'Environment'}
        description={<Link to="/environments" className="underline underline-offset-2">All environments</Link>}
      />
      {board.isPending ? <LoadingRows rows={4} />
        : board.isError ? <ErrorState error={board.error} onRetry={() => void board.refetch()} />
        : !env ? <NoSuchEnvironment envKey={environmentKey ?? ''} projectName={project.name} />
        : <EnvironmentDetail env={env} freezeWindows={board.data.freezeWindows} />}
    </>
  )
}

/** The sections of one environment, with the caller's decisions there (one live subscription for all of them). */
function EnvironmentDetail({ env, freezeWindows }: { env: BoardEnvironment; freezeWindows: EnvironmentBoardData['freezeWindows'] }) {
  const actions = useEnvironmentActions(env.id)
  return (
    <div className="flex flex-col gap-6">
      <EnvironmentHeader env={env} freezeWindows={freezeWindows} actions={actions.data} />
      <section aria-labelledby="history-title" className="flex flex-col gap-3">
        <h2 id="history-title" className="text-lg font-semibold">Version history</h2>
        <VersionHistory environment={env} currentTag={env.current?.version_tag ?? null} rollback={controlState(actions.data?.get('rollback'))} />
      </section>
      <ConfigurationSection environment={env} />
      <ApprovalPolicySection environment={env} />
      <EvidenceGatesSection environment={env} />
      <EnvironmentPermissions env={env} actions={actions} />
    </div>
  )
}

/**
 * RLS hides an environment from someone an admin denied view, exactly as if it did not exist: the page cannot
 * tell the two apart, so it says both (and updates live, if access is given back).
 */
function NoSuchEnvironment({ envKey, projectName }: { envKey: string; projectName: string }) {
  return (
    <div role="status" className="flex flex-col items-center gap-2 rounded-md border border-dashed p-8 text-center" data-testid="environment-not-found">
      <ShieldOff className="size-6 text-muted-foreground" aria-hidden />
      <p className="text-sm font-medium">No environment "{envKey}" that you can see in {projectName}</p>
      <p className="max-w-md text-xs text-muted-foreground">
        Either {projectName} has no environment with this key, or an organization admin has not given you view on it.
        Ask an admin of the organization if you expect to see it.
      </p>
      <Link to="/environments" className="text-sm underline underline-offset-2">Back to all environments</Link>
    </div>
  )
}
