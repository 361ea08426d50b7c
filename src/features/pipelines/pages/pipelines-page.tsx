import { LayoutTemplate, Plus, Search } from 'lucide-react'
import { useEffect, useState } from 'react'
import { Link, useSearchParams } from 'react-router'
import { PageHeader } from '../../../components/states.tsx'
import { Button } from '../../../components/ui/button.tsx'
import { Input } from '../../../components/ui/input.tsx'
import { Tooltip } from '../../../components/ui/tooltip.tsx'
import { can } from '../../../lib/permissions.ts'
import { useProject, useWorkspace } from '../../../lib/workspace.ts'
import { ImportWorkflowDialog } from '../components/import-workflow-dialog.tsx'
import { PipelinesTable } from '../components/pipelines-table.tsx'

export default function PipelinesPage() {
  const project = useProject()
  const { role } = useWorkspace()
  const [params, setParams] = useSearchParams()
  const search = params.get('q') ?? ''
  const page = Math.max(0, Number(params.get('page') ?? 0) || 0)
  const [draft, setDraft] = useState(search)

  // Search as you type, without a request per keystroke; the URL keeps the search and page.
  useEffect(() => {
    if (draft.trim() === search) return
    const timer = setTimeout(() => setParams(draft.trim() ? { q: draft.trim() } : {}, { replace: true }), 300)
    return () => clearTimeout(timer)
  }, [draft, search, setParams])

  const newPipeline = can(role, 'editPipelines')
    ? <Button asChild><Link to="/pipelines/new"><Plus /> New pipeline</Link></Button>
    : (
      <Tooltip content="Viewers cannot create pipelines: that needs the operator role.">
        <span tabIndex={0}><Button disabled><Plus /> New pipeline</Button></span>
      </Tooltip>
    )
  return (
    <>
      <PageHeader
        title="Pipelines" description={`The pipelines of ${project.name}.`}
        actions={<>
          <Button asChild variant="outline"><Link to="/templates"><LayoutTemplate /> Templates</Link></Button>
          {can(role, 'editPipelines') && <ImportWorkflowDialog projectId={project.id} />}
          {newPipeline}
        </>}
      />
      <div className="mb-4 flex max-w-sm items-center gap-2">
        <Search className="size-4 text-muted-foreground" aria-hidden />
        <Input type="search" aria-label="Search pipelines by name" placeholder="Search by name" value={draft} onChange={(e) => setDraft(e.target.value)} />
      </div>
      <PipelinesTable
        projectId={project.id} search={search} page={page} canRun={can(role, 'startExecutions')} canDelete={can(role, 'deletePipelines')}
        onPage={(next) => setParams({ ...(search ? { q: search } : {}), ...(next > 0 ? { page: String(next) } : {}) })}
      />
    </>
  )
}
