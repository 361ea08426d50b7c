import { GitCompare, History, RotateCcw } from 'lucide-react'
import { useState } from 'react'
import { ConfirmDialog } from '../../../components/confirm-dialog.tsx'
import { EmptyState, ErrorState, LoadingRows } from '../../../components/states.tsx'
import { Badge } from '../../../components/ui/badge.tsx'
import { Button } from '../../../components/ui/button.tsx'
import { toast } from '../../../components/ui/toaster.tsx'
import { formatDateTime, timeAgo } from '../../../lib/format.ts'
import { usePipelineVersions, VERSIONS_PAGE, type PipelineVersionRow } from '../api/list-pipeline-versions.ts'
import { useRestorePipelineVersion } from '../api/restore-pipeline-version.ts'
import { VersionDiffDialog } from './version-diff.tsx'

type Restored = NonNullable<Awaited<ReturnType<ReturnType<typeof useRestorePipelineVersion>['mutateAsync']>>>

/** The builder's History tab: saved versions newest first, compare any two as a graph, restore an earlier one. */
export function VersionHistory({ pipelineId, readOnly, dirty, loadedVersion, onRestored }: {
  pipelineId: string
  readOnly: boolean
  /** The editor has unsaved changes (a restore replaces them). */
  dirty: boolean
  /** The version the editor loaded or last saved (the restore's optimistic lock). */
  loadedVersion: () => number | undefined
  onRestored: (pipeline: Restored) => void
}) {
  const [page, setPage] = useState(0)
  const [picked, setPicked] = useState<number[]>([])
  const [comparing, setComparing] = useState<[number, number] | null>(null)
  const versions = usePipelineVersions(pipelineId, page)
  const restore = useRestorePipelineVersion()

  if (versions.isPending) return <LoadingRows rows={4} />
  if (versions.isError) return <ErrorState error={versions.error} onRetry={() => void versions.refetch()} />
  const { total, versions: rows } = versions.data
  if (total === 0) return <EmptyState title="No versions yet" description="Each save of this pipeline becomes a version here." />
  const pages = Math.ceil(total / VERSIONS_PAGE)
  const newest = page === 0 ? rows[0]?.version : undefined

  const toggle = (version: number) => setPicked((p) => (p.includes(version) ? p.filter((v) => v !== version) : [...p.slice(-1), version]))
  const onRestore = async (row: PipelineVersionRow) => {
    try {
      const saved = await restore.mutateAsync({ pipelineId, version: row.version, expectedVersion: loadedVersion() })
      onRestored(saved)
      setPicked([])
      setPage(0)
      toast({ title: `Restored version ${row.version}`, description: `Saved as version ${saved.version}.`, tone: 'success' })
    } catch (error) {
      toast({ title: `Could not restore version ${row.version}`, description: error instanceof Error ? error.message : String(error), tone: 'danger' })
    }
  }

  return (
    <section aria-labelledby="version-history-title" className="flex flex-col gap-2">
      <div className="flex items-center justify-between gap-2">
        <h2 id="version-history-title" className="flex items-center gap-1.5 text-sm font-semibold"><History className="size-4" aria-hidden /> Version history</h2>
        <span className="text-xs text-muted-foreground" data-testid="version-count">{total === 1 ? '1 version' : `${total} versions`}</span>
      </div>
      <Button
        size="sm" variant="outline" disabled={picked.length !== 2}
        onClick={() => setComparing([Math.min(...picked), Math.max(...picked)] as [number, number])}
      >
        <GitCompare /> {picked.length === 2 ? `Compare version ${Math.min(...picked)} and ${Math.max(...picked)}` : 'Pick two versions to compare'}
      </Button>
      <ol aria-label="Versions, newest first" className="flex flex-col gap-2">
        {rows.map((row) => (
          <li key={row.id} data-testid={`version-${row.version}`} className="rounded-md border p-2 text-sm">
            <div className="flex items-center gap-2">
              <input
                type="checkbox" className="size-4" checked={picked.includes(row.version)} onChange={() => toggle(row.version)}
                aria-label={`Compare version ${row.version}`}
              />
              <span className="font-medium">Version {row.version}</span>
              {row.version === newest && <Badge tone="accent">Current</Badge>}
              {row.restored_from !== null && <Badge tone="info">Restores version {row.restored_from}</Badge>}
            </div>
            <p className={row.message ? 'mt-1' : 'mt-1 text-muted-foreground italic'}>{row.message ?? 'No message'}</p>
            <p className="text-xs text-muted-foreground">
              {row.author} · <time dateTime={row.created_at} title={formatDateTime(row.created_at)}>{timeAgo(row.created_at)}</time>
            </p>
            {!readOnly && row.version !== newest && (
              <ConfirmDialog
                trigger={<Button size="sm" variant="ghost" className="mt-1 h-7 px-2 text-xs"><RotateCcw /> Restore version {row.version}</Button>}
                title={`Restore version ${row.version}?`}
                description={`The pipeline becomes what version ${row.version} saved${row.message ? ` (“${row.message}”)` : ''}, as a new version; the versions after it stay in the history.${dirty ? ' Your unsaved changes in the editor are discarded.' : ''}`}
                confirmLabel={`Restore version ${row.version}`} destructive={dirty}
                onConfirm={() => onRestore(row)}
              />
            )}
          </li>
        ))}
      </ol>
      {pages > 1 && (
        <div className="flex items-center justify-between gap-2 text-xs">
          <Button size="sm" variant="outline" disabled={page === 0} onClick={() => setPage((p) => p - 1)}>Newer</Button>
          <span className="text-muted-foreground">Page {page + 1} of {pages}</span>
          <Button size="sm" variant="outline" disabled={page + 1 >= pages} onClick={() => setPage((p) => p + 1)}>Older</Button>
        </div>
      )}
      {comparing && <VersionDiffDialog pipelineId={pipelineId} from={comparing[0]} to={comparing[1]} onClose={() => setComparing(null)} />}
    </section>
  )
}
