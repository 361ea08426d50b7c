import { Ban, RotateCcw } from 'lucide-react'
import { useNavigate } from 'react-router'
import { AnalysisSheet } from '../../../components/analysis/analysis-sheet.tsx'
import { ConfirmDialog } from '../../../components/confirm-dialog.tsx'
import { Button } from '../../../components/ui/button.tsx'
import { toast } from '../../../components/ui/toaster.tsx'
import { can, type AppRole } from '../../../lib/permissions.ts'
import { useCancelExecution } from '../api/cancel-execution.ts'
import type { ExecutionDetail } from '../api/get-execution.ts'
import { useCheckpoints } from '../api/list-checkpoints.ts'
import { useRerunExecution } from '../api/rerun-execution.ts'
import { isExecutionLive } from '../lib/duration.ts'

const failure = (error: unknown) => error instanceof Error ? error.message : String(error)

/** Cancel (a live run) and Rerun from checkpoint (a failed or cancelled one), for roles that may. */
export function ExecutionActions({ run, role }: { run: ExecutionDetail; role: AppRole | null }) {
  const navigate = useNavigate()
  const cancel = useCancelExecution()
  const rerun = useRerunExecution()
  const rerunnable = (run.status === 'failed' || run.status === 'cancelled') && !run.newerAttempt && can(role, 'startExecutions')
  const checkpoints = useCheckpoints(run.id, rerunnable)
  const latest = checkpoints.data?.[0]

  return (
    <>
      <AnalysisSheet fn="ai-telemetry-analysis" body={{ execution_id: run.id }} label="Analyze timings" testId="telemetry-run"
        hint="Each stage's durations and failure rate over its recent runs, anomalies and trends, and the trace's slowest spans"
        title="Timings and trends" description="This run's stages against their own recent history, and the slowest spans of its trace."
        asking="Reading the stages' history and the trace…" />
      {isExecutionLive(run.status) && can(role, 'cancelExecutions') && (
        <ConfirmDialog
          trigger={<Button variant="outline" disabled={cancel.isPending}><Ban /> Cancel run</Button>}
          title={`Cancel ${run.name}?`}
          description="Every node that has not finished is cancelled and open approval requests close. A cancelled run cannot be resumed, only rerun from a checkpoint it passed."
          confirmLabel="Cancel run"
          onConfirm={async () => {
            try {
              await cancel.mutateAsync({ execution_id: run.id })
              toast({ title: 'Run cancelled', tone: 'info' })
            } catch (error) {
              toast({ title: 'Could not cancel the run', description: failure(error), tone: 'danger' })
            }
          }}
        />
      )}
      {rerunnable && latest && (
        <ConfirmDialog
          destructive={false}
          trigger={<Button disabled={rerun.isPending}><RotateCcw /> Rerun from checkpoint</Button>}
          title="Rerun from checkpoint?"
          description={`A new attempt (${run.attempt + 1}) starts at "${latest.name}": that checkpoint and the nodes before it keep their results, everything after it runs again.`}
          confirmLabel="Start attempt"
          onConfirm={async () => {
            try {
              const started = await rerun.mutateAsync({ execution_id: run.id })
              toast({ title: `Attempt ${started.attempt} started`, tone: 'success' })
              navigate(`/executions/${started.execution_id}`)
            } catch (error) {
              toast({ title: 'Could not rerun', description: failure(error), tone: 'danger' })
            }
          }}
        />
      )}
    </>
  )
}
