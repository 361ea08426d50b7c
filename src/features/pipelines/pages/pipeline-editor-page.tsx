import { ReactFlowProvider } from '@xyflow/react'
import { Link, useParams, useSearchParams } from 'react-router'
import { EmptyState, ErrorState, LoadingRows } from '../../../components/states.tsx'
import { Button } from '../../../components/ui/button.tsx'
import { useProject } from '../../../lib/workspace.ts'
import { useEnvironmentRules } from '../api/list-environment-rules.ts'
import { usePipeline } from '../api/get-pipeline.ts'
import { PipelineEditor } from '../components/pipeline-editor.tsx'

export default function PipelineEditorPage() {
  const { pipelineId } = useParams()
  const [params] = useSearchParams()
  const project = useProject()
  const environments = useEnvironmentRules(project.id)
  const pipeline = usePipeline(pipelineId)

  if (environments.isPending || (pipelineId && pipeline.isPending)) return <LoadingRows rows={8} />
  if (environments.isError) return <ErrorState error={environments.error} onRetry={() => void environments.refetch()} />
  if (pipeline.isError) return <ErrorState error={pipeline.error} onRetry={() => void pipeline.refetch()} />
  if (pipelineId && !pipeline.data) {
    return <EmptyState title="No such pipeline" description="It may have been deleted, or it belongs to a project you cannot see." action={<Button asChild variant="outline" size="sm"><Link to="/pipelines">All pipelines</Link></Button>} />
  }
  return (
    <ReactFlowProvider>
      {!pipelineId && (
        <p className="mb-2 text-sm text-muted-foreground">
          Building from scratch. Or <Link to="/templates" className="font-medium text-primary underline-offset-2 hover:underline">start from a template</Link>: a starter for each flow type and language.
        </p>
      )}
      <PipelineEditor
        key={pipelineId ?? 'new'} pipeline={pipeline.data ?? null} environments={environments.data} projectId={project.id}
        renderAll={params.get('render') === 'all'}
      />
    </ReactFlowProvider>
  )
}
