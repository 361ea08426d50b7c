import { GitBranch } from 'lucide-react'
import { lazy, Suspense, useState } from 'react'
import { LoadingRows } from '../../../components/states.tsx'
import { Button } from '../../../components/ui/button.tsx'
import { Dialog, DialogContent } from '../../../components/ui/dialog.tsx'

// The form brings the YAML parser and the importer: loaded when the dialog first opens.
const ImportWorkflowForm = lazy(() => import('./import-workflow-form.tsx').then((m) => ({ default: m.ImportWorkflowForm })))

/** "Import workflow" on the pipelines page: a GitHub Actions workflow becomes a pipeline. */
export function ImportWorkflowDialog({ projectId }: { projectId: string }) {
  const [open, setOpen] = useState(false)
  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <Button variant="outline" onClick={() => setOpen(true)}><GitBranch /> Import workflow</Button>
      <DialogContent className="max-w-2xl">
        <Suspense fallback={<LoadingRows rows={6} />}>
          <ImportWorkflowForm projectId={projectId} onDone={() => setOpen(false)} />
        </Suspense>
      </DialogContent>
    </Dialog>
  )
}
