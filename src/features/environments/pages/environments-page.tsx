import { Link } from 'react-router'
import { PageHeader } from '../../../components/states.tsx'
import { useProject } from '../../../lib/workspace.ts'
import { useEnvironmentBoard } from '../api/get-environment-board.ts'
import { EnvironmentBoard } from '../components/environment-board.tsx'
import { ChainAdmin } from '../../environment-admin/components/chain-admin.tsx'
import { NewEnvironmentButton } from '../../environment-admin/components/new-environment-dialog.tsx'

export default function EnvironmentsPage() {
  const project = useProject()
  const board = useEnvironmentBoard(project.id)
  return (
    <>
      <PageHeader title="Environments" description="Each environment along the promotion chain, its current version, locks and freezes."
        actions={<NewEnvironmentButton />} />
      <div className="flex flex-col gap-6">
        <EnvironmentBoard />
        <ChainAdmin />
        {board.data && board.data.environments.length > 0 && (
          <nav aria-label="Environment pages" className="flex flex-wrap gap-2 text-sm">
            {board.data.environments.map((env) => (
              <Link key={env.id} to={`/environments/${env.key}`} className="rounded-md border bg-card px-3 py-1.5 hover:bg-muted">
                {env.display_name} history →
              </Link>
            ))}
          </nav>
        )}
      </div>
    </>
  )
}
