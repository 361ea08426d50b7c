import { useWorkspace } from '../../../lib/workspace.ts'

/**
 * Says, on the open page, that the user has just lost access to the organization they were looking at. Plain
 * elements styled like Alert and an outline Button: it is in the first route's bundle and rarely shows.
 */
export function RemovedNotice() {
  const { removedFrom, dismissRemoval } = useWorkspace()
  if (!removedFrom) return null
  return (
    <div role="status" data-testid="removed-notice" className="mb-4 flex items-center gap-3 rounded-md border border-warning/40 bg-warning/10 px-4 py-3 text-sm">
      <p className="flex-1">You are no longer a member of <strong>{removedFrom}</strong>: an admin removed you, or the organization was deleted.</p>
      <button type="button" className="h-8 rounded-md border border-input bg-card px-3 text-xs font-medium hover:bg-accent" onClick={dismissRemoval}>Dismiss</button>
    </div>
  )
}
