import { queryOptions, useQuery } from '@tanstack/react-query'
import { queryKeys } from '../../../lib/query-keys.ts'
import { supabase } from '../../../lib/supabase.ts'
import { groupEvidence } from '../lib/evidence.ts'

/** How many failing cases and critical/high findings a node shows (the counts cover everything). */
export const EVIDENCE_LIST_LIMIT = 50

/**
 * What CI reported for a run, by node: test reports with their failing cases, scans with their critical and
 * high findings, SBOMs, the artifacts built and generic step evidence.
 */
export async function listEvidence(executionId: string, signal?: AbortSignal) {
  const [reports, scans, sboms, artifacts, steps] = await Promise.all([
    supabase.from('test_reports')
      .select('id, node_id, name, total, passed, failed, errored, skipped, duration_ms, created_at, test_cases(id, suite, classname, name, status, message)')
      .eq('execution_id', executionId).in('test_cases.status', ['failed', 'error'])
      .order('created_at').order('id', { referencedTable: 'test_cases' }).limit(EVIDENCE_LIST_LIMIT, { referencedTable: 'test_cases' }).abortSignal(signal!),
    supabase.from('vulnerability_scans')
      .select('id, node_id, scanner, artifact_name, critical, high, medium, low, unknown, created_at, vulnerability_findings(id, vulnerability_id, severity, package_name, installed_version, fixed_version, title)')
      .eq('execution_id', executionId).in('vulnerability_findings.severity', ['critical', 'high'])
      .order('created_at').order('severity', { referencedTable: 'vulnerability_findings' }).limit(EVIDENCE_LIST_LIMIT, { referencedTable: 'vulnerability_findings' }).abortSignal(signal!),
    supabase.from('sboms').select('id, node_id, format, spec_version, name, package_count, licences, unlicensed, created_at')
      .eq('execution_id', executionId).order('created_at').abortSignal(signal!),
    supabase.from('artifacts').select('id, node_id, name, ecosystem, digest, image_digest, registry_url, size_bytes, created_at')
      .eq('execution_id', executionId).order('created_at').abortSignal(signal!),
    supabase.from('step_evidence').select('id, node_id, kind, title, status, summary, url, created_at')
      .eq('execution_id', executionId).order('created_at').abortSignal(signal!),
  ])
  for (const r of [reports, scans, sboms, artifacts, steps]) if (r.error) throw r.error
  return groupEvidence({ reports: reports.data!, scans: scans.data!, sboms: sboms.data!, artifacts: artifacts.data!, steps: steps.data! })
}
export type RunEvidence = Awaited<ReturnType<typeof listEvidence>>

export const evidenceQuery = (executionId: string) => queryOptions({
  queryKey: queryKeys.executions.evidence(executionId),
  queryFn: ({ signal }) => listEvidence(executionId, signal),
})

export const useEvidence = (executionId: string) => useQuery(evidenceQuery(executionId))
