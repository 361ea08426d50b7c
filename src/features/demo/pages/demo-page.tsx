import { Link } from 'react-router'
import { ErrorState, LoadingRows, PageHeader } from '../../../components/states.tsx'
import { Alert } from '../../../components/ui/alert.tsx'
import { Button } from '../../../components/ui/button.tsx'
import { useProject } from '../../../lib/workspace.ts'
import { useTourAction, type TourAction } from '../api/tour-actions.ts'
import { useTourState, type TourState } from '../api/tour-state.ts'
import { TourSteps } from '../components/tour-steps.tsx'
import { tourPosition, type TourPosition } from '../lib/tour.ts'

const WAITING = {
  fail: 'The run is under way; the test stage will fail in a few seconds.',
  approve: 'The rerun is building on the checkpoint; the approval gate opens next.',
  deploy: 'Approved: the deploy to staging is running.',
} as const

/** The next action and its button label at `position`, or null while the engine works. */
function nextAction(state: TourState, position: TourPosition, projectId: string): { label: string; action: TourAction } | null {
  if (!position.actionable) return null
  switch (position.step) {
    case 'run': return state.pipelineId ? { label: 'Run the pipeline', action: { kind: 'run', pipelineId: state.pipelineId } } : null
    case 'rerun': return position.first ? { label: 'Rerun from checkpoint', action: { kind: 'rerun', executionId: position.first.id } } : null
    case 'approve': return state.approval ? { label: 'Approve', action: { kind: 'approve', requestId: state.approval.id, projectId } } : null
    case 'rollback': return state.staging?.firstVersionId
      ? { label: 'Roll back staging to v1.0.0', action: { kind: 'rollback', environmentId: state.staging.id, versionId: state.staging.firstVersionId } }
      : null
    default: return null
  }
}

export default function DemoPage() {
  const project = useProject()
  const tour = useTourState(project.id)
  const act = useTourAction(project.id)

  return (
    <div className="flex max-w-3xl flex-col gap-6">
      <PageHeader title="Guided tour" description="A demo in your own sandbox: every step below is a real action on the sandbox's data." />
      <Alert tone="warning" data-testid="demo-label">
        Demo sandbox: made for you without an account and deleted after a day. Everything here runs on the simulated executor.
      </Alert>
      {tour.isPending ? <LoadingRows /> : tour.isError ? <ErrorState error={tour.error} onRetry={() => void tour.refetch()} /> : (
        <TourBody state={tour.data} projectId={project.id} busy={act.isPending} error={act.error} onAct={(a) => act.mutate(a)} />
      )}
    </div>
  )
}

function TourBody({ state, projectId, busy, error, onAct }: {
  state: TourState; projectId: string; busy: boolean; error: Error | null; onAct: (action: TourAction) => void
}) {
  const position = tourPosition(state)
  const next = nextAction(state, position, projectId)
  const latest = position.rerun ?? position.first
  return (
    <section aria-labelledby="tour-panel" className="flex flex-col gap-4 rounded-lg border bg-card p-4">
      <h2 id="tour-panel" className="text-lg font-semibold">Step by step</h2>
      <TourSteps current={position.step} working={!position.actionable && position.step !== 'done'} />
      <div aria-live="polite" className="flex flex-col gap-3">
        {position.step === 'done' && <p data-testid="tour-done" className="text-sm">Done: staging is back on {state.staging?.current}. That was the core loop of Opzenix.</p>}
        {!next && position.step in WAITING && <p className="text-sm text-muted-foreground">{WAITING[position.step as keyof typeof WAITING]}</p>}
        {state.staging?.current && <p className="text-sm">Staging runs <span data-testid="tour-staging-version" className="font-mono">{state.staging.current}</span></p>}
      </div>
      {error && <Alert tone="danger">{error.message}</Alert>}
      <div className="flex flex-wrap items-center gap-3">
        {next && <Button onClick={() => onAct(next.action)} disabled={busy}>{busy ? 'Working…' : next.label}</Button>}
        {latest && <Link className="text-sm text-primary underline-offset-4 hover:underline" to={`/executions/${latest.id}`}>Watch the run live</Link>}
      </div>
    </section>
  )
}
