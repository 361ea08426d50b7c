import { ReactFlowProvider } from '@xyflow/react'
import { Link, useParams, useSearchParams } from 'react-router'
import { EmptyState, ErrorState, LoadingRows } from '../../../components/states.tsx'
import { Button } from '../../../components/ui/button.tsx'
import { useProject } from '../../../lib/workspace.ts'
import { useEnvironmentRules } from '../api/list-environment-rules.ts'
import { usePipeline } from '../api/get-pipeline.ts'
import { PipelineEditor } from '../components/pipeline-editor.tsx'
import { FLOW_TYPE_LABELS, FLOW_TYPES, type FlowType } from '../lib/shared.ts'

export default function PipelineEditorPage() {
  const { pipelineId } = useParams()
  const [params] = useSearchParams()
  const project = useProject()
  const environments = useEnvironmentRules(project.id)
  const pipeline = usePipeline(pipelineId)
  const requested = params.get('type')
  const newType = (FLOW_TYPES as readonly string[]).includes(requested ?? '') ? requested as FlowType : 'cicd'

  if (environments.isPending || (pipelineId && pipeline.isPending)) return <LoadingRows rows={8} />
  if (environments.isError) return <ErrorState error={environments.error} onRetry={() => void environments.refetch()} />
  if (pipeline.isError) return <ErrorState error={pipeline.error} onRetry={() => void pipeline.refetch()} />
  if (pipelineId && !pipeline.data) {
    return <EmptyState title="No such pipeline" description="It may have been deleted, or it belongs to a project you cannot see." action={<Button asChild variant="outline" size="sm"><Link to="/pipelines">All pipelines</Link></Button>} />
  }
  return (
    <ReactFlowProvider>
      {!pipelineId && (
        <nav aria-label="Start from" className="mb-2 flex flex-wrap items-center gap-x-2 gap-y-1 text-sm text-muted-foreground">
          <span>Start a</span>
          {FLOW_TYPES.map((t) => (
            <Link key={t} to={`/pipelines/new?type=${t}`} aria-current={t === newType ? 'page' : undefined} className="font-medium text-primary underline-offset-2 hover:underline aria-[current=page]:text-foreground aria-[current=page]:no-underline">{FLOW_TYPE_LABELS[t]}</Link>
          ))}
          <span>pipeline, or <Link to="/templates" className="font-medium text-primary underline-offset-2 hover:underline">start from a template</Link> (a starter for each flow type and language).</span>
        </nav>
      )}
      <PipelineEditor
        key={pipelineId ?? `new-${newType}`} newType={newType} pipeline={pipeline.data ?? null} environments={environments.data} projectId={project.id}
        renderAll={params.get('render') === 'all'}
      />
    </ReactFlowProvider>
  )
}
