import { Alert } from '../../../components/ui/alert.tsx'
import { Button } from '../../../components/ui/button.tsx'
import { formatDateTime } from '../../../lib/format.ts'
import type { Draft } from '../lib/drafts.ts'

/** "You have unsaved changes from …": restore the draft this browser kept, or discard it. */
export function DraftNotice({ draft, currentVersion, onRestore, onDiscard }: { draft: Draft; currentVersion: number | undefined; onRestore: () => void; onDiscard: () => void }) {
  const stale = draft.baseVersion !== null && currentVersion !== undefined && draft.baseVersion !== currentVersion
  return (
    <Alert tone="info">
      <div className="flex flex-wrap items-center gap-3" data-testid="draft-notice">
        <p className="flex-1">
          This browser kept unsaved changes from {formatDateTime(draft.savedAt)}.
          {stale && ` The pipeline was saved again since (version ${currentVersion}); restoring puts your changes over it.`}
        </p>
        <Button size="sm" onClick={onRestore}>Restore my changes</Button>
        <Button size="sm" variant="ghost" onClick={onDiscard}>Discard them</Button>
      </div>
    </Alert>
  )
}
