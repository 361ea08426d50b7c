import { ShieldAlert, Undo2 } from 'lucide-react'
import { useId, useState } from 'react'
import { Link } from 'react-router'
import { SimulatedBadge } from '../../../components/simulated-badge.tsx'
import { StatusBadge } from '../../../components/status-badge.tsx'
import { EmptyState, ErrorState, LoadingRows } from '../../../components/states.tsx'
import { Badge } from '../../../components/ui/badge.tsx'
import { Button } from '../../../components/ui/button.tsx'
import { formatDateTime, formatDuration, timeAgo } from '../../../lib/format.ts'
import { HISTORY_PAGE_SIZE, useVersionHistory, type VersionHistoryRow } from '../api/get-version-history.ts'
import type { ControlState } from '../lib/environment-actions.ts'
import { liveSpan, rollbackTargets } from '../lib/version-history.ts'
import { RefusalText } from './refused-button.tsx'
import { RollbackButton } from './rollback-button.tsx'

/**
 * Every version the environment ran, newest first, with who, when, how long, and rollback as the caller's
 * rollback decision here (`rollback`) allows: offered, shown disabled with the database's sentence, or absent.
 */
export function VersionHistory({ environment, currentTag, rollback }: { environment: { id: string; key: string }; currentTag: string | null; rollback: ControlState }) {
  const [page, setPage] = useState(0)
  const refusalId = useId()
  const history = useVersionHistory(environment.id, page)
  if (history.isPending) return <LoadingRows rows={4} />
  if (history.isError) return <ErrorState error={history.error} onRetry={() => void history.refetch()} />
  const { rows, total } = history.data
  if (total === 0) return <EmptyState title="Nothing deployed here yet" description="A deploy node in a pipeline records the first version." />
  const pages = Math.ceil(total / HISTORY_PAGE_SIZE)
  const targets = rollback.kind === 'hidden' ? new Set<string>() : rollbackTargets(rows, currentTag)
  const refusal = rollback.kind === 'disabled' ? { reason: rollback.reason, describedBy: refusalId } : undefined
  return (
    <div className="flex flex-col gap-3">
      {refusal && targets.size > 0 && (
        <p className="flex justify-end" data-testid="rollback-refusal"><RefusalText id={refusalId} reason={refusal.reason} /></p>
      )}
      <ol className="flex flex-col divide-y rounded-md border bg-card" aria-label={`Version history of ${environment.key}`}>
        {rows.map((row) => (
          <li key={row.id} className="flex flex-wrap items-center gap-x-4 gap-y-2 px-4 py-3" data-testid="version-row" data-version={row.version_tag} data-current={row.is_current}>
            <VersionSummary row={row} />
            {currentTag && targets.has(row.id) && (
              <div className="ml-auto"><RollbackButton environment={environment} version={row} currentTag={currentTag} refusal={refusal} /></div>
            )}
          </li>
        ))}
      </ol>
      {pages > 1 && (
        <nav className="flex items-center justify-end gap-2 text-sm" aria-label="Version history pages">
          <span className="text-muted-foreground">Page {page + 1} of {pages}</span>
          <Button size="sm" variant="outline" disabled={page === 0} onClick={() => setPage((p) => p - 1)}>Newer</Button>
          <Button size="sm" variant="outline" disabled={page + 1 >= pages} onClick={() => setPage((p) => p + 1)}>Older</Button>
        </nav>
      )}
    </div>
  )
}

function VersionSummary({ row }: { row: VersionHistoryRow }) {
  const span = liveSpan(row)
  return (
    <div className="flex min-w-0 flex-col gap-1">
      <div className="flex flex-wrap items-center gap-2">
        <span className="font-mono font-medium">{row.version_tag}</span>
        {row.commit_sha && <span className="font-mono text-xs text-muted-foreground">{row.commit_sha.slice(0, 7)}</span>}
        {row.is_current && <Badge tone="success">Current</Badge>}
        {row.deployment?.simulated && <SimulatedBadge />}
        {row.deployment && row.deployment.status !== 'success' && <StatusBadge kind="deployment" status={row.deployment.status} />}
        {row.rollback_of_id && <Badge tone="warning" data-testid="rollback-badge"><Undo2 aria-hidden />Rollback</Badge>}
        {row.promoted_from_key && <Badge tone="info" data-testid="promoted-badge" title="Same commit and artifact as it ran there, no rebuild">Promoted from {row.promoted_from_key}</Badge>}
        {row.break_glass && <Badge tone="danger" title="Deployed through a lock or freeze window by an authorised role"><ShieldAlert aria-hidden />Break-glass</Badge>}
      </div>
      <p className="text-xs text-muted-foreground">
        {row.deployedByName ?? 'The engine'} · <span title={formatDateTime(row.live_from)}>{timeAgo(row.live_from)}</span> ·{' '}
        <span data-testid="live-for">{span.liveNow ? `live now (${formatDuration(span.ms)})` : `live for ${formatDuration(span.ms)}`}</span>
        {row.deployment?.execution_id && <> · <Link className="underline underline-offset-2" to={`/executions/${row.deployment.execution_id}`}>run</Link></>}
      </p>
      {row.reason && <p className="text-xs">{row.rollback_of_id ? 'Rollback reason: ' : ''}{row.reason}</p>}
    </div>
  )
}
