import { Search, X } from 'lucide-react'
import { useState } from 'react'
import { Link } from 'react-router'
import { Button } from '../../components/ui/button.tsx'
import { useTableChanges } from '../../lib/realtime.ts'
import { useWorkspace } from '../../lib/workspace.ts'

interface FailedRun {
  id: string
  name: string
}

/** When a run in this project fails, offer Investigate mode (unless the user is already there). */
export function FailedRunOffer() {
  const { project, mode, setMode } = useWorkspace()
  const [failed, setFailed] = useState<FailedRun | null>(null)
  useTableChanges(
    [{ table: 'executions', event: 'UPDATE', filter: `project_id=eq.${project?.id}` }],
    (payload) => {
      const row = payload.new as { id?: string; name?: string; status?: string }
      const before = payload.old as { status?: string }
      if (row.status === 'failed' && before.status !== 'failed' && row.id) setFailed({ id: row.id, name: row.name ?? 'A run' })
    },
    Boolean(project),
  )
  if (!failed || mode === 'investigate') return null
  return (
    <div role="alert" className="flex items-center gap-3 border-b border-destructive/30 bg-destructive/10 px-6 py-2 text-sm">
      <span className="flex-1">
        <Link to={`/executions/${failed.id}`} className="font-medium underline">{failed.name}</Link> failed.
      </span>
      <Button size="sm" variant="outline" onClick={() => { void setMode('investigate'); setFailed(null) }}>
        <Search /> Switch to Investigate
      </Button>
      <Button size="icon" variant="ghost" aria-label="Dismiss" onClick={() => setFailed(null)}><X /></Button>
    </div>
  )
}
