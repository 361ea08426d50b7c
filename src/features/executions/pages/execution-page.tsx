import { ArrowLeft } from 'lucide-react'
import { useMemo } from 'react'
import { Link, useParams, useSearchParams } from 'react-router'
import { EmptyState, ErrorState, LoadingRows } from '../../../components/states.tsx'
import { Button } from '../../../components/ui/button.tsx'
import { useProject, useWorkspace } from '../../../lib/workspace.ts'
import { useExecution, type ExecutionDetail } from '../api/get-execution.ts'
import { useEnvironments } from '../api/list-environments.ts'
import { useExecutionNodes } from '../api/list-execution-nodes.ts'
import { useLiveExecution } from '../api/use-live-execution.ts'
import { AnalysisPanel } from '../components/analysis-panel.tsx'
import { ApprovalNotice } from '../components/approval-notice.tsx'
import { AttemptLinks } from '../components/attempt-links.tsx'
import { DeployQueueNotice } from '../components/deploy-queue-notice.tsx'
import { EvidencePanel } from '../components/evidence-panel.tsx'
import { ExecutionHeader } from '../components/execution-header.tsx'
import { LogPanel } from '../components/log-panel.tsx'
import { RunGraph } from '../components/run-graph.tsx'
import { StateTimeline } from '../components/state-timeline.tsx'
import { nodeLabelMap } from '../lib/node-labels.ts'
import { progressOf } from '../lib/run-progress-label.ts'

const backToRuns = <Button asChild variant="ghost" size="sm" className="mb-2 -ml-2"><Link to="/executions"><ArrowLeft /> All runs</Link></Button>

export default function ExecutionPage() {
  const { executionId = '' } = useParams()
  const { role } = useWorkspace()
  const run = useExecution(executionId)
  useLiveExecution(executionId, Boolean(run.data))
  // Progress follows the node rows live (the run row is refetched only when the run changes state).
  const nodeRows = useExecutionNodes(executionId, Boolean(run.data))
  const progress = nodeRows.data ? progressOf(nodeRows.data) : null

  if (run.isPending) return <>{backToRuns}<LoadingRows rows={6} /></>
  if (run.isError) return <>{backToRuns}<ErrorState error={run.error} onRetry={() => void run.refetch()} /></>
  if (!run.data) {
    return (
      <>
        {backToRuns}
        <div data-testid="execution-not-found">
          <EmptyState title="No such run" description="It does not exist, or it belongs to a project you are not a member of." action={<Button asChild size="sm" variant="outline"><Link to="/executions">See all runs</Link></Button>} />
        </div>
      </>
    )
  }
  return (
    <>
      {backToRuns}
      <ExecutionHeader run={progress === null ? run.data : { ...run.data, progress }} role={role} />
      <div className="mb-4 flex flex-col gap-3">
        <AttemptLinks run={run.data} />
        <ApprovalNotice executionId={run.data.id} waiting={run.data.status === 'paused'} />
        <DeployQueueNotice executionId={run.data.id} projectId={run.data.project_id} active={run.data.status === 'paused' || run.data.status === 'running'} />
      </div>
      <RunBody run={run.data} />
      <div className="mt-4"><EvidencePanel executionId={run.data.id} projectId={run.data.project_id} /></div>
      {run.data.status === 'failed' && <div className="mt-4"><AnalysisPanel executionId={run.data.id} /></div>}
    </>
  )
}

/** The graph, the selected node's logs (node in the URL: `?node=`) and the timeline. */
function RunBody({ run }: { run: ExecutionDetail }) {
  const project = useProject()
  const nodes = useExecutionNodes(run.id)
  const environments = useEnvironments(run.project_id ?? project.id)
  const [params, setParams] = useSearchParams()
  const selected = params.get('node')
  // Names do not change while a run goes on, so live status updates do not rebuild them.
  const nodeCount = nodes.data?.length ?? 0
  const nodeNames = useMemo(() => nodeLabelMap(run.graph, nodes.data ?? []), [run.graph, nodeCount])
  const select = (nodeId: string) => setParams({ node: nodeId }, { replace: true })

  return (
    <div className="flex flex-col gap-4">
      {nodes.isPending || environments.isPending ? <LoadingRows rows={5} />
        : nodes.isError ? <ErrorState error={nodes.error} onRetry={() => void nodes.refetch()} />
        : environments.isError ? <ErrorState error={environments.error} onRetry={() => void environments.refetch()} />
        : nodes.data.length === 0 && !hasGraphNodes(run.graph) ? <EmptyState title="This run has no nodes" description="Its pipeline graph was empty when it started." />
        : <RunGraph graph={run.graph} rows={nodes.data} environments={environments.data} selectedNodeId={selected} onSelect={select} />}
      <div className="grid items-start gap-4 lg:grid-cols-[minmax(0,1fr)_24rem]">
        {selected && nodeNames.has(selected)
          ? <LogPanel executionId={run.id} nodeId={selected} nodeLabel={nodeNames.get(selected)!} />
          : <div data-testid="log-panel-empty"><EmptyState title="Select a node to see its logs" description="Click a node in the graph (or focus it and press Enter)." /></div>}
        <StateTimeline executionId={run.id} nodeNames={nodeNames} />
      </div>
    </div>
  )
}

const hasGraphNodes = (graph: unknown) =>
  typeof graph === 'object' && graph !== null && Array.isArray((graph as { nodes?: unknown }).nodes) && (graph as { nodes: unknown[] }).nodes.length > 0
