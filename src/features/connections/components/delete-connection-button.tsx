import { Trash2 } from 'lucide-react'
import { ConfirmDialog } from '../../../components/confirm-dialog.tsx'
import { Button } from '../../../components/ui/button.tsx'
import { toast } from '../../../components/ui/toaster.tsx'
import { useDeleteConnection } from '../api/delete-connection.ts'

/** Delete, after saying what goes with it; a refusal is toasted as a sentence. */
export function DeleteConnectionButton({ id, name, onDeleted, size = 'default' }: { id: string; name: string; onDeleted?: () => void; size?: 'default' | 'icon' }) {
  const remove = useDeleteConnection()
  return (
    <ConfirmDialog
      trigger={size === 'icon'
        ? <Button size="icon" variant="ghost" aria-label={`Delete ${name}`}><Trash2 aria-hidden /></Button>
        : <Button variant="outline"><Trash2 aria-hidden />Delete</Button>}
      title={`Delete ${name}?`}
      description="The connection and its whole health history are removed; scheduled checks stop checking it. The function secret it names is not touched."
      confirmLabel="Delete connection"
      onConfirm={async () => {
        try {
          await remove.mutateAsync(id)
          toast({ title: `${name} deleted`, tone: 'success' })
          onDeleted?.()
        } catch (e) {
          toast({ title: `${name} was not deleted`, description: (e as Error).message, tone: 'danger' })
        }
      }}
    />
  )
}
