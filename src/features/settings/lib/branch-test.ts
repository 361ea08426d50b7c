// "Test a branch": which mapping a push to a branch would use and whether it would start a run, with the
// server's own glob and first-match rules (supabase/functions/_shared/github), mirroring handlePush's decisions.
import { branchOf, pickMapping, type BranchMapping } from '../../../../supabase/functions/_shared/github/branch-mapping.ts'

export interface MappingRow extends BranchMapping {
  github_integration_id: string | null
}

export type BranchVerdict<M> =
  | { outcome: 'not_a_branch'; branch: string }
  | { outcome: 'no_mapping'; branch: string }
  | { outcome: 'not_deployable' | 'no_pipeline' | 'starts'; branch: string; mapping: M }

/** The rows a push through `integrationId` considers: its own and those for every integration (null). */
export const mappingsFor = <M extends MappingRow>(mappings: M[], integrationId: string | null) =>
  mappings.filter((m) => m.github_integration_id === null || m.github_integration_id === integrationId)

/** What a push to `input` (a branch name or a full ref) through `integrationId` would do. */
export function testBranch<M extends MappingRow>(mappings: M[], input: string, integrationId: string | null): BranchVerdict<M> {
  const typed = input.trim()
  const branch = typed.startsWith('refs/') ? branchOf(typed) : typed
  if (!branch) return { outcome: 'not_a_branch', branch: typed }
  const mapping = pickMapping(mappingsFor(mappings, integrationId), branch)
  if (!mapping) return { outcome: 'no_mapping', branch }
  if (!mapping.is_deployable) return { outcome: 'not_deployable', branch, mapping }
  if (!mapping.flow_template_id) return { outcome: 'no_pipeline', branch, mapping }
  return { outcome: 'starts', branch, mapping }
}
