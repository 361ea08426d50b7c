import { ShieldAlert } from 'lucide-react'
import { ReasonDialog } from '../../../components/reason-dialog.tsx'
import { ErrorState, LoadingRows } from '../../../components/states.tsx'
import { Badge } from '../../../components/ui/badge.tsx'
import { Button } from '../../../components/ui/button.tsx'
import { toast } from '../../../components/ui/toaster.tsx'
import { formatDateTime } from '../../../lib/format.ts'
import { can } from '../../../lib/permissions.ts'
import { useWorkspace } from '../../../lib/workspace.ts'
import { exceptionReason, useDecideGateException, useGateVerdicts, useRequestGateException, type GateVerdict } from '../api/gate-verdicts.ts'
import { gateKindMeta } from '../lib/evidence.ts'

/** The evidence gates of the project's environments, judged on this run: pass, block, or let through by an exception. */
export function GateVerdicts({ executionId, projectId }: { executionId: string; projectId: string }) {
  const verdicts = useGateVerdicts(executionId, projectId)
  if (verdicts.isPending) return <LoadingRows rows={1} />
  if (verdicts.isError) return <ErrorState error={verdicts.error} onRetry={() => void verdicts.refetch()} />
  if (verdicts.data.length === 0) return null
  return (
    <section aria-label="Evidence gates" data-testid="evidence-gates" className="flex flex-col gap-2">
      <h3 className="text-xs font-medium text-muted-foreground">Evidence gates</h3>
      <ul className="flex flex-col gap-2">
        {verdicts.data.map((g) => <Verdict key={`${g.environmentId}-${g.kind}`} executionId={executionId} projectId={projectId} gate={g} />)}
      </ul>
    </section>
  )
}

function Verdict({ executionId, projectId, gate }: { executionId: string; projectId: string; gate: GateVerdict }) {
  const { role, user } = useWorkspace()
  const ask = useRequestGateException(executionId, projectId)
  const decide = useDecideGateException(executionId)
  const x = gate.exception
  const waived = gate.exception_status === 'approved' && gate.message !== null
  const name = `${gate.environment?.display_name ?? 'this environment'}: ${gateKindMeta[gate.kind].label.toLowerCase()}`
  const decideAs = async (approve: boolean) => {
    try {
      await decide.mutateAsync({ exceptionId: x!.id, approve })
      toast({ title: approve ? 'Exception approved' : 'Exception rejected', description: name })
    } catch (error) {
      toast({ title: 'Not decided', description: (error as Error).message, tone: 'danger' })
    }
  }
  return (
    <li className="flex flex-col gap-1 rounded-md border p-2 text-sm" data-testid={`gate-${gate.environment?.key}-${gate.kind}`} data-blocked={gate.blocked}>
      <p className="flex flex-wrap items-center gap-1.5">
        <ShieldAlert className="size-3.5 text-muted-foreground" aria-hidden />
        <span className="font-medium">{gate.environment?.display_name} · {gateKindMeta[gate.kind].label}</span>
        <Badge tone={gate.blocked ? 'danger' : waived ? 'warning' : 'success'}>{gate.blocked ? 'Blocks promotion' : waived ? 'Let through by an exception' : 'Passes'}</Badge>
      </p>
      {gate.message && <p className="text-muted-foreground" data-testid="gate-message">{gate.message}</p>}
      {x && gate.exception_status === 'pending' && (
        <p className="text-xs" data-testid="gate-exception">Exception asked by {x.requestedByName}: “{x.reason}”, waiting for another admin.</p>
      )}
      {x && gate.exception_status === 'approved' && (
        <p className="text-xs" data-testid="gate-exception">Exception asked by {x.requestedByName}, approved by {x.decidedByName}, until {formatDateTime(x.expires_at)}.</p>
      )}
      <div className="flex flex-wrap gap-2">
        {gate.blocked && !x && can(role, 'startExecutions') && (
          <ReasonDialog
            trigger={<Button size="sm" variant="outline">Ask for an exception</Button>}
            title={`Ask for an exception to ${name}`}
            description="An admin other than you must approve it. Once approved, this run's evidence may be promoted there despite the gate, for 7 days; the request and the decision are in the audit trail."
            confirmLabel="Ask for the exception" destructive={false} schema={exceptionReason}
            onConfirm={(reason) => ask.mutateAsync({ gate, reason })}
          />
        )}
        {x && gate.exception_status === 'pending' && role === 'admin' && x.requested_by !== user.id && (
          <>
            <Button size="sm" onClick={() => void decideAs(true)} disabled={decide.isPending}>Approve exception</Button>
            <Button size="sm" variant="outline" onClick={() => void decideAs(false)} disabled={decide.isPending}>Reject exception</Button>
          </>
        )}
      </div>
    </li>
  )
}
