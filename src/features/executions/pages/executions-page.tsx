import { useSearchParams } from 'react-router'
import { PageHeader } from '../../../components/states.tsx'
import { useProject } from '../../../lib/workspace.ts'
import { useLiveExecutionLists } from '../api/use-live-execution.ts'
import { ExecutionsTable } from '../components/executions-table.tsx'
import { StatusFilterBar } from '../components/status-filter-bar.tsx'
import { parsePage, parseStatusFilter, type StatusFilter } from '../lib/status-filter.ts'

export default function ExecutionsPage() {
  const project = useProject()
  const [params, setParams] = useSearchParams()
  const filter = parseStatusFilter(params.get('status'))
  const page = parsePage(params.get('page'))
  useLiveExecutionLists(project.id)

  const go = (next: { filter?: StatusFilter; page?: number }) => {
    const f = next.filter ?? filter
    const p = next.page ?? 0
    setParams({ ...(f !== 'all' ? { status: f } : {}), ...(p > 0 ? { page: String(p) } : {}) })
  }
  return (
    <>
      <PageHeader title="Runs" description={`Every execution of ${project.name}'s pipelines, newest first. Updates live.`} />
      <div className="mb-4"><StatusFilterBar value={filter} onChange={(f) => go({ filter: f })} /></div>
      <ExecutionsTable projectId={project.id} filter={filter} page={page} onPage={(p) => go({ page: p })} />
    </>
  )
}
