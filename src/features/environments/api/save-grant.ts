import { useMutation, useQueryClient } from '@tanstack/react-query'
import { z } from 'zod'
import { queryKeys } from '../../../lib/query-keys.ts'
import { supabase } from '../../../lib/supabase.ts'
import { ENVIRONMENT_ACTIONS, type EnvironmentAction } from '../lib/environment-actions.ts'

export const grantInput = z.object({
  /** `user:<id>` or `team:<id>`, as the subject picker's options are valued. */
  subject: z.string().regex(/^(user|team):[0-9a-f-]{36}$/, 'Pick a member or a team'),
  action: z.enum(ENVIRONMENT_ACTIONS as [EnvironmentAction, ...EnvironmentAction[]], 'Pick an action'),
  effect: z.enum(['allow', 'deny'], 'Pick allow or deny'),
  reason: z.string().trim().max(300, 'Keep the reason under 300 characters'),
})
export type GrantInput = z.infer<typeof grantInput>

const refused = 'Only organization admins can change environment permissions.'

/** The database's refusal as it came, except the two whose raw text names internals. */
function explain(error: { code?: string; message: string }): Error {
  if (error.code === '23505') return new Error('That member or team already has a grant for this action here: change its effect instead.')
  if (error.code === '42501' && /row-level security/.test(error.message)) return new Error(refused)
  return new Error(error.message)
}

export interface GrantTarget {
  environmentId: string
  projectId: string
  organizationId: string
}

/** Adds a grant (organization admins, by RLS). The database resets organization and project from the environment. */
export async function addGrant(target: GrantTarget, input: GrantInput): Promise<void> {
  const v = grantInput.parse(input)
  const [kind, id] = v.subject.split(':') as ['user' | 'team', string]
  const { error } = await supabase.from('environment_permissions').insert({
    environment_id: target.environmentId, project_id: target.projectId, organization_id: target.organizationId,
    user_id: kind === 'user' ? id : null, team_id: kind === 'team' ? id : null,
    action: v.action, effect: v.effect, reason: v.reason || null,
  })
  if (error) throw explain(error)
}

/** Turns an allow into a deny or back. An update RLS filters out returns no row and no error: say why. */
export async function setGrantEffect(id: string, effect: 'allow' | 'deny'): Promise<void> {
  const { data, error } = await supabase.from('environment_permissions').update({ effect }).eq('id', id).select('id')
  if (error) throw explain(error)
  if (data.length === 0) throw new Error(refused)
}

export async function removeGrant(id: string): Promise<void> {
  const { data, error } = await supabase.from('environment_permissions').delete().eq('id', id).select('id')
  if (error) throw explain(error)
  if (data.length === 0) throw new Error(refused)
}

export function useGrantMutations(target: GrantTarget) {
  const queryClient = useQueryClient()
  // Grants change the admin's own decisions too (and the board, for view).
  const onSettled = () => queryClient.invalidateQueries({ queryKey: queryKeys.environments.all })
  return {
    add: useMutation({ mutationFn: (input: GrantInput) => addGrant(target, input), onSettled }),
    setEffect: useMutation({ mutationFn: (v: { id: string; effect: 'allow' | 'deny' }) => setGrantEffect(v.id, v.effect), onSettled }),
    remove: useMutation({ mutationFn: removeGrant, onSettled }),
  }
}
