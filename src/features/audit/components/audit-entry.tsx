import { ChevronDown, ChevronRight, History } from 'lucide-react'
import { useId, useState } from 'react'
import { Badge } from '../../../components/ui/badge.tsx'
import { formatDateTime, timeAgo } from '../../../lib/format.ts'
import type { AuditRow } from '../api/get-audit-logs.ts'
import { changedFields, summarize } from '../lib/audit-diff.ts'

type Image = Parameters<typeof changedFields>[0]

const actionTone = (action: string) => (action === 'delete' ? 'danger' : action === 'insert' ? 'success' : action === 'update' ? 'info' : 'warning')

/**
 * One audit entry: a summary line that expands to the changed fields, the details and the full images, and a
 * button that filters the page to the history of the entry's resource.
 */
export function AuditEntry({ row, onHistory }: { row: AuditRow; onHistory?: (resourceType: string, resourceId: string) => void }) {
  const [open, setOpen] = useState(false)
  const panel = useId()
  const changes = changedFields(row.before as Image, row.after as Image)
  return (
    <li className="flex flex-col" data-testid="audit-row" data-id={row.id}>
      <div className="flex items-center">
      <button
        type="button" aria-expanded={open} aria-controls={panel} onClick={() => setOpen((o) => !o)}
        className="flex min-w-0 flex-1 flex-wrap items-center gap-2 px-4 py-2 text-left text-sm hover:bg-muted/40 focus-visible:outline-2"
      >
        {open ? <ChevronDown className="size-4" aria-hidden /> : <ChevronRight className="size-4" aria-hidden />}
        <span className="w-14 font-mono text-xs text-muted-foreground">#{row.id}</span>
        <Badge tone={actionTone(row.action)}>{row.action}</Badge>
        <span className="font-medium">{row.actorName ?? row.actor_role}</span>
        <span className="text-muted-foreground">{summarize(row.action, row.resource_type, changes)}</span>
        <span className="ml-auto text-xs text-muted-foreground" title={formatDateTime(row.created_at)}>{timeAgo(row.created_at)}</span>
      </button>
      {onHistory && row.resource_id && (
        <button
          type="button" onClick={() => onHistory(row.resource_type, row.resource_id!)}
          title={`History of ${row.resource_type} ${row.resource_id}`} aria-label={`History of ${row.resource_type} ${row.resource_id}`}
          className="mr-2 rounded p-1.5 text-muted-foreground hover:bg-accent hover:text-foreground focus-visible:outline-2"
        >
          <History className="size-4" aria-hidden />
        </button>
      )}
      </div>
      {open && (
        <div id={panel} className="flex flex-col gap-3 border-t bg-muted/20 px-4 py-3 text-xs">
          <p className="text-muted-foreground">
            {formatDateTime(row.created_at)} · {row.resource_type} {row.resource_id ?? ''} · as {row.actor_role} · hash <span className="font-mono">{row.hash.slice(0, 16)}…</span>
          </p>
          {row.action === 'update' && changes.length > 0 && (
            <table className="w-full text-left">
              <thead><tr className="text-muted-foreground"><th className="py-1 pr-2 font-medium">Field</th><th className="py-1 pr-2 font-medium">Before</th><th className="py-1 font-medium">After</th></tr></thead>
              <tbody>
                {changes.map((c) => (
                  <tr key={c.field} className="border-t align-top">
                    <td className="py-1 pr-2 font-mono">{c.field}</td>
                    <td className="py-1 pr-2 font-mono break-all">{JSON.stringify(c.before) ?? '—'}</td>
                    <td className="py-1 font-mono break-all">{JSON.stringify(c.after) ?? '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {Object.keys(row.details as object ?? {}).length > 0 && <Json label="Details" value={row.details} />}
          {row.action !== 'update' && <Json label={row.action === 'delete' ? 'Removed row' : 'Row'} value={row.after ?? row.before} />}
        </div>
      )}
    </li>
  )
}

function Json({ label, value }: { label: string; value: unknown }) {
  return (
    <div>
      <p className="mb-1 font-medium">{label}</p>
      <pre className="max-h-64 overflow-auto rounded border bg-card p-2 font-mono">{JSON.stringify(value, null, 2)}</pre>
    </div>
  )
}
