import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { z } from 'zod'
import type { Enums } from '../../../integrations/supabase/types.ts'
import { fetchPeople } from '../../../lib/people.ts'
import { queryKeys } from '../../../lib/query-keys.ts'
import { supabase } from '../../../lib/supabase.ts'

interface GateJudgement {
  kind: Enums<'evidence_gate_kind'>
  blocked: boolean
  message: string | null
  counts: Record<string, unknown>
  threshold: Record<string, unknown>
  exception_id: string | null
  exception_status: Enums<'gate_exception_status'> | null
}

/**
 * What every enabled evidence gate of the run's project says about shipping this run's evidence into its
 * environment (for a promotion run, the evidence of the run that built the version), with the exception asked
 * for or approved and who asked.
 */
export async function listGateVerdicts(executionId: string, projectId: string, signal?: AbortSignal) {
  const { data: gates, error } = await supabase.from('evidence_gates').select('environment_id, environments(key, display_name, position)')
    .eq('project_id', projectId).eq('enabled', true).abortSignal(signal!)
  if (error) throw error
  const environments = new Map(gates.map((g) => [g.environment_id, g.environments]))
  const verdicts = await Promise.all([...environments.keys()].map(async (environmentId) => {
    const { data, error: verdictError } = await supabase.rpc('evidence_gate_verdict', { _environment_id: environmentId, _execution_id: executionId }).abortSignal(signal!)
    if (verdictError) throw verdictError
    const verdict = data as unknown as { evidence_execution_id: string | null; gates: GateJudgement[] }
    return verdict.gates.map((g) => ({ ...g, environmentId, environment: environments.get(environmentId)!, evidenceExecutionId: verdict.evidence_execution_id }))
  }))
  const rows = verdicts.flat().sort((a, b) => (a.environment?.position ?? 0) - (b.environment?.position ?? 0) || a.kind.localeCompare(b.kind))
  const exceptionIds = rows.flatMap((r) => (r.exception_id ? [r.exception_id] : []))
  const { data: exceptions, error: exceptionsError } = exceptionIds.length
    ? await supabase.from('evidence_gate_exceptions').select('id, reason, requested_by, decided_by, expires_at').in('id', exceptionIds).abortSignal(signal!)
    : { data: [], error: null }
  if (exceptionsError) throw exceptionsError
  const people = await fetchPeople(exceptions.flatMap((x) => [x.requested_by, x.decided_by]), signal)
  const byId = new Map(exceptions.map((x) => [x.id, { ...x, requestedByName: people.get(x.requested_by) ?? 'someone', decidedByName: x.decided_by ? people.get(x.decided_by) ?? 'someone' : null }]))
  return rows.map((r) => ({ ...r, exception: r.exception_id ? byId.get(r.exception_id) ?? null : null }))
}
export type GateVerdict = Awaited<ReturnType<typeof listGateVerdicts>>[number]

export const gateVerdictsQuery = (executionId: string, projectId: string) => queryOptions({
  queryKey: queryKeys.executions.gates(executionId),
  queryFn: ({ signal }) => listGateVerdicts(executionId, projectId, signal),
})

export const useGateVerdicts = (executionId: string, projectId: string) => useQuery(gateVerdictsQuery(executionId, projectId))

export const exceptionReason = z.object({
  reason: z.string().trim().min(5, 'Say why in at least 5 characters').max(1000, 'Keep it under 1,000 characters'),
})

/** An operator asks for an exception to one gate for the run's evidence; another admin decides it. */
export function useRequestGateException(executionId: string, projectId: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: async ({ gate, reason }: { gate: GateVerdict; reason: string }) => {
      const { error } = await supabase.from('evidence_gate_exceptions').insert({
        project_id: projectId, environment_id: gate.environmentId, kind: gate.kind, execution_id: gate.evidenceExecutionId ?? executionId, reason,
      })
      if (error) throw error
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: queryKeys.executions.gates(executionId) }),
  })
}

export function useDecideGateException(executionId: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: async ({ exceptionId, approve }: { exceptionId: string; approve: boolean }) => {
      const { error } = await supabase.rpc('decide_gate_exception', { _exception_id: exceptionId, _approve: approve })
      if (error) throw error
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: queryKeys.executions.gates(executionId) }),
  })
}
