import { Link, useSearchParams } from 'react-router'
import { CopyButton } from '../../../components/copy-field.tsx'
import { EmptyState, ErrorState, LoadingRows, PageHeader } from '../../../components/states.tsx'
import { Badge } from '../../../components/ui/badge.tsx'
import { Button } from '../../../components/ui/button.tsx'
import { Card, CardContent } from '../../../components/ui/card.tsx'
import { NativeSelect } from '../../../components/ui/input.tsx'
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '../../../components/ui/table.tsx'
import { formatDateTime, timeAgo } from '../../../lib/format.ts'
import { useProject } from '../../../lib/workspace.ts'
import { ARTIFACTS_PAGE, useArtifacts, type ArtifactRow } from '../api/list-artifacts.ts'

const ECOSYSTEMS = ['container', 'npm', 'maven', 'nuget', 'pypi', 'rubygems', 'generic'] as const

/** Every artifact of the project: what it is, which run built it, and where its versions run. */
export default function ArtifactsPage() {
  const project = useProject()
  const [params, setParams] = useSearchParams()
  const ecosystem = params.get('ecosystem')
  const page = Math.max(0, Number(params.get('page') ?? 0) || 0)
  const artifacts = useArtifacts({ projectId: project.id, ecosystem: ecosystem && /^[a-z][a-z0-9_-]{0,30}$/.test(ecosystem) ? ecosystem : null, page })
  const set = (next: Record<string, string | null>) => {
    const merged = new URLSearchParams(params)
    for (const [k, v] of Object.entries(next)) { if (v === null) merged.delete(k); else merged.set(k, v) }
    setParams(merged, { replace: true })
  }
  const last = artifacts.data ? Math.max(0, Math.ceil(artifacts.data.total / ARTIFACTS_PAGE) - 1) : 0
  return (
    <>
      <PageHeader title="Artifacts" description={`Images and packages of ${project.name}: recorded by registries' push events and by CI for the run step that built them.`}
        actions={(
          <NativeSelect aria-label="Ecosystem" value={ecosystem ?? ''} onChange={(e) => set({ ecosystem: e.target.value || null, page: null })}>
            <option value="">All ecosystems</option>
            {ECOSYSTEMS.map((e) => <option key={e} value={e}>{e === 'container' ? 'images' : e}</option>)}
          </NativeSelect>
        )} />
      <Card>
        <CardContent className="pt-4">
          {artifacts.isPending ? <LoadingRows rows={4} />
            : artifacts.isError ? <ErrorState error={artifacts.error} onRetry={() => void artifacts.refetch()} />
            : artifacts.data.rows.length === 0
              ? (ecosystem
                ? <EmptyState title={`No ${ecosystem === 'container' ? 'images' : `${ecosystem} packages`}`} description="Choose All ecosystems to see the others." />
                : <EmptyState title="No artifacts yet" description="Registries' push events (artifact-webhook) and CI's record-ci-evidence add them (docs/evidence.md)." />)
            : (
              <div className="flex flex-col gap-3">
                <div className="overflow-x-auto">
                  <Table aria-label="Artifacts">
                    <TableHeader>
                      <TableRow>
                        <TableHead scope="col">Artifact</TableHead>
                        <TableHead scope="col">Digest</TableHead>
                        <TableHead scope="col">Built by</TableHead>
                        <TableHead scope="col">Runs in</TableHead>
                        <TableHead scope="col">Recorded</TableHead>
                      </TableRow>
                    </TableHeader>
                    <TableBody>{artifacts.data.rows.map((a) => <ArtifactLine key={a.id} artifact={a} />)}</TableBody>
                  </Table>
                </div>
                {last > 0 && (
                  <div className="flex items-center justify-end gap-2 text-sm">
                    <span className="text-muted-foreground">Page {page + 1} of {last + 1}</span>
                    <Button size="sm" variant="outline" disabled={page === 0} onClick={() => set({ page: String(page - 1) })}>Previous</Button>
                    <Button size="sm" variant="outline" disabled={page >= last} onClick={() => set({ page: String(page + 1) })}>Next</Button>
                  </div>
                )}
              </div>
            )}
        </CardContent>
      </Card>
    </>
  )
}

function ArtifactLine({ artifact: a }: { artifact: ArtifactRow }) {
  const digest = a.digest ?? a.image_digest
  const source = (a.metadata as { source?: string } | null)?.source
  const environments = [...new Map(a.deployment_versions.filter((v) => v.environments).map((v) => [v.environments!.key, v])).values()]
  return (
    <TableRow data-testid="artifact-row">
      <TableCell>
        <div className="flex flex-col gap-0.5">
          <span className="font-medium">{a.name}</span>
          <span className="flex flex-wrap items-center gap-1 text-xs text-muted-foreground">
            {a.ecosystem && <Badge tone="accent">{a.ecosystem === 'container' ? 'image' : a.ecosystem}</Badge>}
            {a.registry_url}
          </span>
        </div>
      </TableCell>
      <TableCell>
        {digest ? <span className="flex items-center gap-1"><code className="font-mono text-xs" title={digest}>{digest.slice(0, 19)}…</code><CopyButton value={digest} label="digest" /></span>
          : <span className="text-xs text-muted-foreground">none</span>}
      </TableCell>
      <TableCell>
        {a.executions ? <Link className="underline underline-offset-2" to={`/executions/${a.executions.id}${a.node_id ? `?node=${encodeURIComponent(a.node_id)}` : ''}`}>{a.executions.name}{a.node_id ? ` · ${a.node_id}` : ''}</Link>
          : <span className="text-xs text-muted-foreground">{source === 'github_packages' ? 'GitHub Packages' : source === 'docker_registry' ? 'registry push' : 'no run'}</span>}
      </TableCell>
      <TableCell>
        <span className="flex flex-wrap gap-1">
          {environments.length === 0 ? <span className="text-xs text-muted-foreground">not deployed</span>
            : environments.map((v) => <Badge key={v.id} tone={v.is_current ? 'success' : 'neutral'} title={v.is_current ? 'current version' : 'ran earlier'}>{v.environments!.key} {v.version_tag}</Badge>)}
        </span>
      </TableCell>
      <TableCell title={formatDateTime(a.created_at)} className="text-xs whitespace-nowrap">{timeAgo(a.created_at)}</TableCell>
    </TableRow>
  )
}
