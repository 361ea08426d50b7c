import { queryKeys } from '../../../lib/query-keys.ts'
import { useLiveQueries } from '../../../lib/realtime.ts'

/** Evidence arriving from CI (and exceptions being decided) refresh the run page's evidence and gates. */
export function useLiveEvidence(executionId: string): void {
  const filter = `execution_id=eq.${executionId}`
  useLiveQueries(
    ['test_reports', 'vulnerability_scans', 'sboms', 'step_evidence'].map((table) => ({ table, filter, event: 'INSERT' as const })),
    [queryKeys.executions.evidence(executionId), queryKeys.executions.gates(executionId)],
  )
  useLiveQueries([{ table: 'evidence_gate_exceptions' }], [queryKeys.executions.gates(executionId)])
}
