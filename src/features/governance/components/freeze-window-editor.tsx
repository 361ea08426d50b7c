import { Pencil, Plus, Repeat, Trash2 } from 'lucide-react'
import { ConfirmDialog } from '../../../components/confirm-dialog.tsx'
import { Badge } from '../../../components/ui/badge.tsx'
import { Button } from '../../../components/ui/button.tsx'
import { formatDateTime } from '../../../lib/format.ts'
import { useFreezeWindowList, useFreezeWindowMutations, type FreezeWindowRow } from '../api/freeze-windows.ts'
import { FreezeWindowForm } from './freeze-window-form.tsx'

/**
 * Every freeze window binding this environment, recurring ones included, with create, edit and delete for
 * admins (RLS decides; others see the list).
 */
export function FreezeWindowEditor({ projectId, environmentId, envKey, canEdit }: { projectId: string; environmentId: string; envKey: string; canEdit: boolean }) {
  const list = useFreezeWindowList(projectId, environmentId)
  const { save, remove } = useFreezeWindowMutations(projectId, environmentId)
  const recurring = (list.data ?? []).filter((w) => w.recurrence)
  const shown = canEdit ? list.data ?? [] : recurring
  return (
    <div className="flex flex-col gap-2" data-testid={`freeze-editor-${environmentId}`}>
      {list.isError && <p className="text-xs text-destructive">{list.error.message}</p>}
      {shown.length > 0 && (
        <ul className="flex flex-col gap-1.5" aria-label={canEdit ? 'All freeze windows' : 'Recurring freeze windows'}>
          {shown.map((w) => (
            <li key={w.id} className="flex flex-wrap items-center gap-2 text-sm" data-testid="freeze-window">
              {w.recurrence ? <Badge tone="info"><Repeat aria-hidden />Recurring</Badge> : <Badge>One-off</Badge>}
              <span>{w.reason}</span>
              <span className="text-xs text-muted-foreground">{describe(w)}</span>
              {canEdit && (
                <span className="ml-auto flex gap-1">
                  <FreezeWindowForm row={w} envKey={envKey} onSave={(input) => save.mutateAsync({ id: w.id, input })}
                    trigger={<Button variant="ghost" size="sm" aria-label={`Edit ${w.reason}`}><Pencil aria-hidden /></Button>} />
                  <ConfirmDialog
                    title="Delete this freeze window?" confirmLabel="Delete"
                    description={`"${w.reason}" no longer holds deploys; deploys waiting only for it go on at the next tick.`}
                    onConfirm={() => remove.mutateAsync(w.id)}
                    trigger={<Button variant="ghost" size="sm" aria-label={`Delete ${w.reason}`}><Trash2 aria-hidden /></Button>} />
                </span>
              )}
            </li>
          ))}
        </ul>
      )}
      {canEdit && (
        <FreezeWindowForm row={null} envKey={envKey} onSave={(input) => save.mutateAsync({ id: null, input })}
          trigger={<Button variant="outline" size="sm" className="w-fit" data-testid="new-freeze-window"><Plus aria-hidden />New freeze window</Button>} />
      )}
    </div>
  )
}

function describe(w: FreezeWindowRow): string {
  const scope = w.environment_id ? 'this environment' : 'every environment'
  if (!w.recurrence) return `${formatDateTime(w.starts_at)} – ${formatDateTime(w.ends_at)} · ${scope}`
  const until = w.ends_at ? ` until ${formatDateTime(w.ends_at)}` : ''
  return `${w.recurrence} (${w.time_zone}) for ${w.duration_minutes} min, from ${formatDateTime(w.starts_at)}${until} · ${scope}`
}
