import { Trash2 } from 'lucide-react'
import { ConfirmDialog } from '../../../components/confirm-dialog.tsx'
import { Button } from '../../../components/ui/button.tsx'
import { toast } from '../../../components/ui/toaster.tsx'
import { useDeletePipeline } from '../api/delete-pipeline.ts'

/** Admins delete a pipeline after confirming; its past runs stay in the run history. */
export function DeletePipelineButton({ pipelineId, pipelineName }: { pipelineId: string; pipelineName: string }) {
  const remove = useDeletePipeline()
  return (
    <ConfirmDialog
      trigger={<Button size="icon" variant="ghost" aria-label={`Delete ${pipelineName}`}><Trash2 /></Button>}
      title={`Delete ${pipelineName}?`}
      description="The pipeline goes away for everyone in the project. Its past runs stay in the run history; branch mappings that started it will start nothing."
      confirmLabel="Delete pipeline"
      onConfirm={() => remove.mutateAsync(pipelineId).then(
        () => toast({ title: `Deleted ${pipelineName}` }),
        (error: Error) => toast({ title: 'Could not delete the pipeline', description: error.message, tone: 'danger' }),
      )}
    />
  )
}
