import { ShieldCheck } from 'lucide-react'
import { Link } from 'react-router'
import { ErrorState, LoadingRows } from '../../../components/states.tsx'
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '../../../components/ui/card.tsx'
import { useEvidence } from '../api/list-evidence.ts'
import { useExecutionNodes } from '../api/list-execution-nodes.ts'
import { useLiveEvidence } from '../api/use-live-evidence.ts'
import { Artifacts, Sboms, StepEvidence, TestReports, VulnerabilityScans } from './evidence-items.tsx'
import { GateVerdicts } from './gate-verdicts.tsx'

/** What CI reported for this run, node by node, and what the environments' evidence gates make of it. */
export function EvidencePanel({ executionId, projectId }: { executionId: string; projectId: string }) {
  useLiveEvidence(executionId)
  const evidence = useEvidence(executionId)
  const nodes = useExecutionNodes(executionId)
  const names = new Map((nodes.data ?? []).map((n) => [n.node_id, n.name]))
  return (
    <Card data-testid="evidence-panel" aria-labelledby="evidence-title">
      <CardHeader>
        <div>
          <CardTitle id="evidence-title" className="flex items-center gap-2"><ShieldCheck className="size-4" aria-hidden /> Evidence</CardTitle>
          <CardDescription>Test reports, vulnerability scans, SBOMs and artifacts CI uploaded for this run's steps (docs/evidence.md).</CardDescription>
        </div>
        <Link to="/artifacts" className="text-xs underline underline-offset-2">All artifacts</Link>
      </CardHeader>
      <CardContent className="flex flex-col gap-4">
        <GateVerdicts executionId={executionId} projectId={projectId} />
        {evidence.isPending ? <LoadingRows rows={3} />
          : evidence.isError ? <ErrorState error={evidence.error} onRetry={() => void evidence.refetch()} />
          : evidence.data.length === 0 ? <p className="text-sm text-muted-foreground" data-testid="evidence-empty">No step has reported evidence yet.</p>
          : (
            <ol className="flex flex-col gap-3">
              {evidence.data.map((node) => (
                <li key={node.nodeId} className="flex flex-col gap-3 rounded-md border p-3" data-testid={`evidence-node-${node.nodeId}`}>
                  <h3 className="text-sm font-semibold">{names.get(node.nodeId) ?? node.nodeId}</h3>
                  {node.reports.length > 0 && <TestReports reports={node.reports} />}
                  {node.scans.length > 0 && <VulnerabilityScans scans={node.scans} />}
                  {node.sboms.length > 0 && <Sboms sboms={node.sboms} />}
                  {node.artifacts.length > 0 && <Artifacts artifacts={node.artifacts} />}
                  {node.steps.length > 0 && <StepEvidence steps={node.steps} />}
                </li>
              ))}
            </ol>
          )}
      </CardContent>
    </Card>
  )
}
