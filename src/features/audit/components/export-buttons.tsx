import { Download } from 'lucide-react'
import { Alert } from '../../../components/ui/alert.tsx'
import { Button } from '../../../components/ui/button.tsx'
import { Progress } from '../../../components/ui/progress.tsx'
import { useAuditExport } from '../api/export-audit.ts'
import { useAuditParams } from '../hooks/use-audit-params.ts'
import { exportParams } from '../lib/audit-filter.ts'
import { formatBytes, type ExportFormat } from '../lib/export-progress.ts'

/** "Export CSV" / "Export JSON" of what the filters select, streamed from audit-export with progress. */
export function ExportButtons({ orgId }: { orgId: string }) {
  const { filter } = useAuditParams()
  const run = useAuditExport()
  const { progress } = run
  const start = (format: ExportFormat) => run.mutate({ params: exportParams(orgId, filter), format })
  const rows = (n: number) => n.toLocaleString()
  return (
    <div className="flex flex-col items-end gap-2" data-testid="audit-export">
      <div className="flex gap-2">
        {(['csv', 'json'] as const).map((format) => (
          <Button key={format} variant="outline" disabled={run.isPending} onClick={() => start(format)}
            title={filter.entry ? 'Exports the filters, not only the entry shown' : undefined}>
            <Download aria-hidden />Export {format.toUpperCase()}
          </Button>
        ))}
        {run.isPending && <Button variant="ghost" onClick={run.cancel}>Cancel</Button>}
      </div>
      {run.isPending && (
        <div className="flex w-72 flex-col gap-1" role="status" aria-live="polite">
          <Progress value={progress?.total ? (progress.rows / progress.total) * 100 : 0} aria-label="Export progress" />
          <span className="text-xs text-muted-foreground" data-testid="export-progress">
            {progress
              ? `${rows(progress.rows)}${progress.total !== null ? ` of ${rows(progress.total)}` : ''} rows · ${formatBytes(progress.bytes)}`
              : 'Starting the export…'}
          </span>
        </div>
      )}
      {run.isSuccess && (
        <Alert tone="success" data-testid="export-done">
          Downloaded {run.data.filename}: {rows(run.data.rows)} {run.data.rows === 1 ? 'row' : 'rows'}, {formatBytes(run.data.bytes)}.
        </Alert>
      )}
      {run.isError && (
        <Alert tone={run.error.name === 'AbortError' ? 'info' : 'danger'}>
          {run.error.name === 'AbortError' ? 'Export cancelled.' : run.error.message}
        </Alert>
      )}
    </div>
  )
}
