import { ErrorState, EmptyState, LoadingRows, PageHeader } from '../../../components/states.tsx'
import { Badge } from '../../../components/ui/badge.tsx'
import { Card, CardContent } from '../../../components/ui/card.tsx'
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '../../../components/ui/table.tsx'
import { formatDateTime, timeAgo } from '../../../lib/format.ts'
import { useOrganization } from '../../../lib/workspace.ts'
import { useReleaseMatrix } from '../api/get-release-matrix.ts'
import type { MatrixCell } from '../lib/release-matrix.ts'

/** What runs where: the organization's projects × environments, version and age per cell, live. */
export default function ReleaseMatrixPage() {
  const organization = useOrganization()
  const matrix = useReleaseMatrix(organization.id)
  return (
    <>
      <PageHeader title="What runs where" description={`The version in every environment of ${organization.name}'s projects, and how long it has run there.`} />
      <Card>
        <CardContent className="pt-4">
          {matrix.isPending ? <LoadingRows rows={3} />
            : matrix.isError ? <ErrorState error={matrix.error} onRetry={() => void matrix.refetch()} />
            : matrix.data.projects.length === 0 ? <EmptyState title="No projects yet" description="Create a project and its environments; what they run shows up here." />
            : (
              <div className="overflow-x-auto">
                <Table aria-label="What runs where">
                  <TableHeader>
                    <TableRow>
                      <TableHead scope="col">Project</TableHead>
                      {matrix.data.columns.map((key) => <TableHead key={key} scope="col">{key}</TableHead>)}
                    </TableRow>
                  </TableHeader>
                  <TableBody>
                    {matrix.data.projects.map((project) => (
                      <TableRow key={project.id} data-testid={`matrix-row-${project.name}`}>
                        <TableHead scope="row" className="font-medium">{project.name}</TableHead>
                        {matrix.data.columns.map((key) => (
                          <TableCell key={key} data-testid={`matrix-${project.name}-${key}`}>
                            <Cell cell={project.cells.get(key)} />
                          </TableCell>
                        ))}
                      </TableRow>
                    ))}
                  </TableBody>
                </Table>
              </div>
            )}
        </CardContent>
      </Card>
    </>
  )
}

function Cell({ cell }: { cell: MatrixCell | undefined }) {
  if (!cell) return <span className="text-xs text-muted-foreground" title="This project has no such environment">n/a</span>
  if (!cell.version_tag) return <span className="text-xs text-muted-foreground">nothing deployed</span>
  return (
    <div className="flex flex-col gap-0.5">
      <span className="font-mono text-sm" data-testid="matrix-version">{cell.version_tag}</span>
      <span className="text-xs text-muted-foreground" title={formatDateTime(cell.deployed_at)}>
        {timeAgo(cell.deployed_at)}{cell.commit_sha ? ` · ${cell.commit_sha.slice(0, 7)}` : ''}
      </span>
      <span className="flex flex-wrap gap-1">
        {cell.promoted && <Badge tone="info">promoted</Badge>}
        {cell.behind_by !== null && cell.behind_by > 0 && <Badge tone="warning">{cell.behind_by} behind</Badge>}
      </span>
    </div>
  )
}
