import { Pencil } from 'lucide-react'
import { useState } from 'react'
import { ErrorState, LoadingRows } from '../../../components/states.tsx'
import { connectionStatusMeta, StatusBadge } from '../../../components/status-badge.tsx'
import { Alert } from '../../../components/ui/alert.tsx'
import { Button } from '../../../components/ui/button.tsx'
import { SheetDescription, SheetHeader, SheetTitle } from '../../../components/ui/sheet.tsx'
import { formatDateTime, formatDuration } from '../../../lib/format.ts'
import type { CheckResult } from '../api/check-connection.ts'
import { useConnection } from '../api/get-connection.ts'
import { isKnownType, typeLabel, typeMeta } from '../lib/connection-types.ts'
import { CheckNowButton } from './check-now-button.tsx'
import { ConnectionFormDialog } from './connection-form-dialog.tsx'
import { DeleteConnectionButton } from './delete-connection-button.tsx'
import { HealthEventsTable } from './health-events-table.tsx'
import { HealthHistory } from './health-history.tsx'
import { IngestTokensSection } from '../../otel-ingest/components/ingest-tokens-section.tsx'
import { ExportStatusSection } from '../../otel-ingest/components/export-status-section.tsx'

const toneOf = { healthy: 'success', degraded: 'warning', down: 'danger', unknown: 'info' } as const

/** The side panel of one connection: what it points at, Check now, its health history and checks. */
export function ConnectionDetail({ id, canManage, canCheck, onClose }: { id: string; canManage: boolean; canCheck: boolean; onClose: () => void }) {
  const connection = useConnection(id)
  const [result, setResult] = useState<CheckResult | { error: string } | null>(null)
  if (connection.isPending) return <><SheetTitle className="sr-only">Connection</SheetTitle><LoadingRows rows={6} /></>
  if (connection.isError) return <><SheetTitle>Connection</SheetTitle><ErrorState error={connection.error} onRetry={() => void connection.refetch()} /></>
  const c = connection.data
  if (!c) {
    return (
      <SheetHeader>
        <SheetTitle>Connection not found</SheetTitle>
        <SheetDescription>It was deleted, or it belongs to an organization you are not a member of.</SheetDescription>
      </SheetHeader>
    )
  }
  const config = Object.entries((c.config ?? {}) as Record<string, unknown>)
  return (
    <>
      <SheetHeader>
        <div className="flex flex-wrap items-center gap-2">
          <SheetTitle>{c.name}</SheetTitle>
          <span data-testid="detail-status"><StatusBadge kind="connection" status={c.status} /></span>
        </div>
        <SheetDescription>
          {typeLabel(c.type)}
          {isKnownType(c.type) ? ` · ${typeMeta[c.type].check}` : ' · Opzenix cannot check this type; its status stays unknown.'}
        </SheetDescription>
      </SheetHeader>
      {(canCheck || canManage) && (
        <div className="flex flex-wrap gap-2">
          {canCheck && <CheckNowButton connectionId={c.id} name={c.name} size="default" onResult={setResult} />}
          {canManage && isKnownType(c.type) && (
            <ConnectionFormDialog orgId={c.organization_id} existing={c} trigger={<Button variant="outline"><Pencil aria-hidden />Edit</Button>} />
          )}
          {canManage && <DeleteConnectionButton id={c.id} name={c.name} onDeleted={onClose} size="default" />}
        </div>
      )}
      {result && ('error' in result
        ? <Alert tone="danger" data-testid="check-result">The check could not run: {result.error}</Alert>
        : (
          <Alert tone={toneOf[result.status]} data-testid="check-result">
            <span className="font-medium">{connectionStatusMeta[result.status].label}</span>
            {' '}in {formatDuration(result.response_time_ms)}: {result.message}
          </Alert>
        ))}
      <section aria-labelledby="config-heading" className="flex flex-col gap-2">
        <h3 id="config-heading" className="text-sm font-medium">Configuration</h3>
        <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 rounded-md border p-3 text-sm">
          {config.map(([key, value]) => (
            <div key={key} className="contents">
              <dt className="text-muted-foreground">{key}</dt>
              <dd className="font-mono text-xs break-all">{typeof value === 'string' ? value : JSON.stringify(value)}</dd>
            </div>
          ))}
          <dt className="text-muted-foreground">secret_ref</dt>
          <dd className="font-mono text-xs">{c.secret_ref ? `${c.secret_ref} (a function secret's name; its value is never stored here)` : '—'}</dd>
          <dt className="text-muted-foreground">updated</dt>
          <dd className="text-xs">{formatDateTime(c.updated_at)}</dd>
        </dl>
      </section>
      {c.type === 'otel' && <IngestTokensSection connectionId={c.id} canManage={canManage} />}
      {c.type === 'otel' && canCheck && (c.config as { export?: unknown } | null)?.export === true && <ExportStatusSection connectionId={c.id} />}
      <section aria-labelledby="history-heading" className="flex flex-col gap-2">
        <h3 id="history-heading" className="text-sm font-medium">Health history</h3>
        <HealthHistory connectionId={c.id} />
      </section>
      <section aria-labelledby="checks-heading" className="flex flex-col gap-2">
        <h3 id="checks-heading" className="text-sm font-medium">Recent checks</h3>
        <HealthEventsTable connectionId={c.id} />
      </section>
    </>
  )
}
