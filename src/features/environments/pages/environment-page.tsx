import { Link, useParams } from 'react-router'
import { EmptyState, ErrorState, LoadingRows, PageHeader } from '../../../components/states.tsx'
import { useProject } from '../../../lib/workspace.ts'
import { useEnvironmentBoard } from '../api/get-environment-board.ts'
import { useLiveEnvironments } from '../api/use-live-environments.ts'
import { EnvironmentHeader } from '../components/environment-header.tsx'
import { VersionHistory } from '../components/version-history.tsx'

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
        : !env ? <EmptyState title={`No environment "${environmentKey}" in ${project.name}`} />
        : (
          <div className="flex flex-col gap-6">
            <EnvironmentHeader env={env} freezeWindows={board.data.freezeWindows} />
            <section aria-labelledby="history-title" className="flex flex-col gap-3">
              <h2 id="history-title" className="text-lg font-semibold">Version history</h2>
              <VersionHistory environment={env} currentTag={env.current?.version_tag ?? null} />
            </section>
          </div>
        )}
    </>
  )
}
