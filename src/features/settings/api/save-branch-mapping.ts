import { useMutation, useQueryClient } from '@tanstack/react-query'
import { z } from 'zod'
import { queryKeys } from '../../../lib/query-keys.ts'
import { supabase } from '../../../lib/supabase.ts'
import { branchPatternProblem } from '../lib/branch-pattern.ts'

export const mappingInput = z.object({
  branch_pattern: z.string().trim().superRefine((pattern, ctx) => {
    const problem = branchPatternProblem(pattern)
    if (problem) ctx.addIssue({ code: 'custom', message: problem })
  }),
  environment_id: z.string().min(1, 'Pick an environment'),
  /** '' for no pipeline (a match is recorded, nothing starts). */
  flow_template_id: z.string(),
  /** '' for every integration of the project. */
  github_integration_id: z.string(),
  is_deployable: z.boolean(),
  position: z.number().int().min(0, 'Position is 0 or more').max(100_000),
})
export type MappingInput = z.infer<typeof mappingInput>

const refused = 'Only organization admins can change branch mappings.'

function explain(error: { code?: string; message: string }): Error {
  if (error.code === '42501') return new Error(refused)
  if (error.code === '23505') return new Error('This pattern already maps to that environment.')
  return new Error(error.message)
}

/** Inserts a mapping, or updates `id`'s (admins, by RLS). */
export async function saveBranchMapping(projectId: string, id: string | null, input: MappingInput): Promise<void> {
  const v = mappingInput.parse(input)
  const row = {
    branch_pattern: v.branch_pattern, environment_id: v.environment_id, is_deployable: v.is_deployable, position: v.position,
    flow_template_id: v.flow_template_id || null, github_integration_id: v.github_integration_id || null,
  }
  const { data, error } = id
    ? await supabase.from('branch_mappings').update(row).eq('id', id).select('id')
    : await supabase.from('branch_mappings').insert({ ...row, project_id: projectId }).select('id')
  if (error) throw explain(error)
  if (data.length === 0) throw new Error(refused)
}

export async function deleteBranchMapping(id: string): Promise<void> {
  const { data, error } = await supabase.from('branch_mappings').delete().eq('id', id).select('id')
  if (error) throw explain(error)
  if (data.length === 0) throw new Error(refused)
}

/** Applies the position changes of a move (see lib/reorder.ts). */
export async function applyPositions(changes: { id: string; position: number }[]): Promise<void> {
  for (const change of changes) {
    const { data, error } = await supabase.from('branch_mappings').update({ position: change.position }).eq('id', change.id).select('id')
    if (error) throw explain(error)
    if (data.length === 0) throw new Error(refused)
  }
}

export function useBranchMappingMutations(projectId: string) {
  const queryClient = useQueryClient()
  const onSettled = () => queryClient.invalidateQueries({ queryKey: queryKeys.settings.mappings(projectId) })
  return {
    save: useMutation({ mutationFn: (v: { id: string | null; input: MappingInput }) => saveBranchMapping(projectId, v.id, v.input), onSettled }),
    remove: useMutation({ mutationFn: deleteBranchMapping, onSettled }),
    move: useMutation({ mutationFn: applyPositions, onSettled }),
  }
}
