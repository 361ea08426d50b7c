import { Pencil } from 'lucide-react'
import { StatusBadge } from '../../../components/status-badge.tsx'
import { Button } from '../../../components/ui/button.tsx'
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '../../../components/ui/table.tsx'
import { formatDateTime, formatDuration, timeAgo } from '../../../lib/format.ts'
import type { ConnectionListRow } from '../api/get-connections.ts'
import { isKnownType, typeLabel } from '../lib/connection-types.ts'
import { CheckNowButton } from './check-now-button.tsx'
import { ConnectionFormDialog } from './connection-form-dialog.tsx'
import { DeleteConnectionButton } from './delete-connection-button.tsx'

/** What the config says the connection points at, in one line. */
export function target(config: unknown): string {
  const c = (config && typeof config === 'object' ? config : {}) as Record<string, unknown>
  const value = c.endpoint ?? c.registry_url ?? c.cluster_name ?? c.repository ?? c.subscription_id ?? c.api_server ?? c.org ?? c.channel
  return typeof value === 'string' ? value : '—'
}

export function ConnectionList({ orgId, rows, canManage, canCheck, onOpen }: {
  orgId: string
  rows: ConnectionListRow[]
  canManage: boolean
  canCheck: boolean
  onOpen: (id: string) => void
}) {
  return (
    <Table aria-label="Connections">
      <TableHeader>
        <TableRow>
          <TableHead>Name</TableHead>
          <TableHead>Type</TableHead>
          <TableHead>Status</TableHead>
          <TableHead>Last checked</TableHead>
          <TableHead className="text-right whitespace-nowrap">Response time</TableHead>
          {(canCheck || canManage) && <TableHead><span className="sr-only">Actions</span></TableHead>}
        </TableRow>
      </TableHeader>
      <TableBody>
        {rows.map((row) => (
          <TableRow key={row.id} data-testid="connection-row" data-connection={row.name}>
            <TableCell>
              <button type="button" className="text-left font-medium underline-offset-4 hover:underline focus-visible:underline" onClick={() => onOpen(row.id)}>
                {row.name}
              </button>
              <div className="max-w-72 truncate text-xs text-muted-foreground" title={target(row.config)}>{target(row.config)}</div>
            </TableCell>
            <TableCell className="whitespace-nowrap text-muted-foreground">{typeLabel(row.type)}</TableCell>
            <TableCell data-testid="connection-status"><StatusBadge kind="connection" status={row.status} /></TableCell>
            <TableCell className="whitespace-nowrap text-muted-foreground" title={formatDateTime(row.latest?.checked_at ?? row.last_validated_at)}>
              {row.latest || row.last_validated_at ? timeAgo(row.latest?.checked_at ?? row.last_validated_at) : 'Never'}
            </TableCell>
            <TableCell className="text-right tabular-nums" data-testid="connection-response-time">{formatDuration(row.latest?.response_time_ms)}</TableCell>
            {(canCheck || canManage) && (
              <TableCell>
                <div className="flex justify-end gap-1">
                  {canCheck && <CheckNowButton connectionId={row.id} name={row.name} />}
                  {canManage && (isKnownType(row.type)
                    ? <ConnectionFormDialog orgId={orgId} existing={row}
                        trigger={<Button size="icon" variant="ghost" aria-label={`Edit ${row.name}`}><Pencil aria-hidden /></Button>} />
                    : <span className="size-9" title="Opzenix cannot edit this type" />)}
                  {canManage && <DeleteConnectionButton id={row.id} name={row.name} size="icon" />}
                </div>
              </TableCell>
            )}
          </TableRow>
        ))}
      </TableBody>
    </Table>
  )
}
