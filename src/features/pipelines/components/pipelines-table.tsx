import { useNavigate } from 'react-router'
import { StatusBadge } from '../../../components/status-badge.tsx'
import { EmptyState, ErrorState, LoadingRows } from '../../../components/states.tsx'
import { Button } from '../../../components/ui/button.tsx'
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '../../../components/ui/table.tsx'
import { timeAgo } from '../../../lib/format.ts'
import { PAGE_SIZE, usePipelinesPage } from '../api/list-pipelines.ts'
import { DeletePipelineButton } from './delete-pipeline-button.tsx'
import { RunDialog } from './run-dialog.tsx'

const TYPE_LABELS: Record<string, string> = { cicd: 'CI/CD', mlops: 'MLOps', llmops: 'LLMOps', infrastructure: 'Infrastructure', security: 'Security' }

/** One page of pipelines; a row opens the editor, Run starts one (operators and admins), admins can delete. */
export function PipelinesTable({ projectId, search, page, onPage, canRun, canDelete }: { projectId: string; search: string; page: number; onPage: (page: number) => void; canRun: boolean; canDelete: boolean }) {
  const query = usePipelinesPage({ projectId, search, page })
  const navigate = useNavigate()
  if (query.isPending) return <LoadingRows rows={6} />
  if (query.isError) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />
  const { rows, total } = query.data
  if (rows.length === 0) {
    return <EmptyState title={search ? `No pipeline matches "${search}"` : 'No pipelines yet'} description={search ? 'Try another name.' : 'Create one to build, test and deploy from this project.'} />
  }
  const from = page * PAGE_SIZE + 1
  const to = Math.min(total, from + rows.length - 1)
  return (
    <div className="flex flex-col gap-3">
      <Table aria-label="Pipelines">
        <TableHeader>
          <TableRow>
            <TableHead>Name</TableHead><TableHead>Type</TableHead><TableHead className="text-right">Nodes</TableHead>
            <TableHead>Last run</TableHead><TableHead>Updated</TableHead><TableHead><span className="sr-only">Actions</span></TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {rows.map((row) => (
            <TableRow key={row.id} className="cursor-pointer" onClick={(e) => { if (!(e.target as HTMLElement).closest('button,a,[role=dialog]')) navigate(`/pipelines/${row.id}`) }}>
              <TableCell>
                <a href={`/pipelines/${row.id}`} onClick={(e) => { e.preventDefault(); navigate(`/pipelines/${row.id}`) }} className="font-medium hover:underline">{row.name}</a>
                {row.description && <p className="max-w-md truncate text-xs text-muted-foreground">{row.description}</p>}
              </TableCell>
              <TableCell>{TYPE_LABELS[row.type] ?? row.type}</TableCell>
              <TableCell className="text-right tabular-nums">{row.nodeCount}</TableCell>
              <TableCell>{row.lastRun ? <StatusBadge kind="execution" status={row.lastRun.status} /> : <span className="text-xs text-muted-foreground">Never run</span>}</TableCell>
              <TableCell className="text-xs text-muted-foreground" title={row.updated_at}>{timeAgo(row.updated_at)}</TableCell>
              <TableCell className="text-right">
                <div className="flex items-center justify-end gap-1">
                  {canRun && <RunDialog pipelineId={row.id} pipelineName={row.name} size="sm" />}
                  {canDelete && <DeletePipelineButton pipelineId={row.id} pipelineName={row.name} />}
                </div>
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      <nav aria-label="Pagination" className="flex items-center justify-between text-xs text-muted-foreground">
        <span>{from}–{to} of {total}</span>
        <div className="flex gap-2">
          <Button variant="outline" size="sm" disabled={page === 0} onClick={() => onPage(page - 1)}>Previous</Button>
          <Button variant="outline" size="sm" disabled={to >= total} onClick={() => onPage(page + 1)}>Next</Button>
        </div>
      </nav>
    </div>
  )
}
