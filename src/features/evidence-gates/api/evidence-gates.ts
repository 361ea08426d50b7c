import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { queryKeys } from '../../../lib/query-keys.ts'
import { supabase } from '../../../lib/supabase.ts'
import type { GateFormValues } from '../lib/gate-form.ts'

const COLUMNS = 'id, kind, max_critical, max_high, max_failed_tests, min_coverage, max_coverage_drop, require_evidence, enabled, updated_at'

/** An environment's evidence gates (security, tests): members read them, admins change them. */
export async function listEvidenceGates(environmentId: string, signal?: AbortSignal) {
  const { data, error } = await supabase.from('evidence_gates').select(COLUMNS).eq('environment_id', environmentId)
    .eq('enabled', true).order('kind').abortSignal(signal!)
  if (error) throw error
  return data
}

export const evidenceGatesQuery = (environmentId: string) => queryOptions({
  queryKey: queryKeys.environments.evidenceGates(environmentId),
  queryFn: ({ signal }) => listEvidenceGates(environmentId, signal),
})

export const useEvidenceGates = (environmentId: string) => useQuery(evidenceGatesQuery(environmentId))

/** Saves both gates: a gate switched on is written (insert or update), one switched off is removed. */
export function useSaveEvidenceGates(environment: { id: string; project_id: string }) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: async (v: GateFormValues) => {
      const rows = [
        ...(v.security ? [{ kind: 'security' as const, max_critical: v.max_critical, max_high: v.max_high }] : []),
        ...(v.tests ? [{ kind: 'tests' as const, max_failed_tests: v.max_failed_tests, min_coverage: v.min_coverage, max_coverage_drop: v.max_coverage_drop }] : []),
      ].map((r) => ({ project_id: environment.project_id, environment_id: environment.id, enabled: true, ...r }))
      if (rows.length) {
        const { error } = await supabase.from('evidence_gates').upsert(rows, { onConflict: 'environment_id,kind' })
        if (error) throw error
      }
      const off = [...(v.security ? [] : ['security' as const]), ...(v.tests ? [] : ['tests' as const])]
      if (off.length) {
        const { error } = await supabase.from('evidence_gates').delete().eq('environment_id', environment.id).in('kind', off)
        if (error) throw error
      }
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: queryKeys.environments.evidenceGates(environment.id) }),
  })
}
