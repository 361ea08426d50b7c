import { useMutation, useQueryClient } from '@tanstack/react-query'
import { z } from 'zod'
import { invokeFunction } from '../../../lib/functions.ts'
import { queryKeys } from '../../../lib/query-keys.ts'
import { supabase } from '../../../lib/supabase.ts'
import type { Enums } from '../../../integrations/supabase/types.ts'

export const TIERS = ['development', 'testing', 'staging', 'preproduction', 'production'] as const satisfies readonly Enums<'environment_tier'>[]
export const STRATEGIES = ['rolling', 'canary', 'blue_green'] as const satisfies readonly Enums<'deploy_strategy'>[]

export const createEnvironmentSchema = z.object({
  key: z.string().trim().regex(/^[a-z][a-z0-9_-]{0,39}$/, 'Start with a lowercase letter; use a-z, 0-9, - and _ (at most 40)'),
  display_name: z.string().trim().min(1, 'Give it a name').max(100),
  tier: z.enum(TIERS),
  position: z.number().int().min(0),
  required_approvals: z.number({ error: 'A number from 0 to 50' }).int().min(0).max(50),
  deploy_strategy: z.enum(STRATEGIES),
})
export type CreateEnvironmentInput = z.infer<typeof createEnvironmentSchema>

export const archiveSchema = z.object({ reason: z.string().trim().min(5, 'Say why in at least 5 characters').max(500) })

export const settingsSchema = z.object({
  display_name: z.string().trim().min(1, 'Give it a name').max(100),
  required_approvals: z.number({ error: 'A number from 0 to 50' }).int().min(0).max(50),
  deploy_strategy: z.enum(STRATEGIES),
  operators_edit_config: z.enum(['tier', 'off', 'on']),
  allow_skip_promotion: z.boolean(),
})
export type SettingsInput = z.infer<typeof settingsSchema>

type ChainChange =
  | { route: ''; body: CreateEnvironmentInput & { project_id: string } }
  | { route: 'move'; body: { environment_id: string; position: number } }
  | { route: 'archive'; body: { environment_id: string; reason: string } }
  | { route: 'restore'; body: { environment_id: string } }

/** Adds, moves, archives or restores an environment through create-environment (admins; the database decides). */
export function changeChain(change: ChainChange) {
  return invokeFunction<{ environment: { id: string; key: string } }>(`create-environment${change.route ? `/${change.route}` : ''}`, change.body)
}

export function useChangeChain() {
  const client = useQueryClient()
  return useMutation({
    mutationFn: changeChain,
    onSettled: () => client.invalidateQueries({ queryKey: queryKeys.environments.all }),
  })
}

/** Name, approvals, strategy, who edits configuration, skipped stages: a plain update, which RLS allows admins only. */
export async function saveSettings(environmentId: string, input: SettingsInput) {
  const { error } = await supabase.from('environments').update({
    display_name: input.display_name, required_approvals: input.required_approvals, deploy_strategy: input.deploy_strategy,
    operators_edit_config: input.operators_edit_config === 'tier' ? null : input.operators_edit_config === 'on',
    allow_skip_promotion: input.allow_skip_promotion,
  }).eq('id', environmentId).select('id').single()
  if (error) throw error
}

export function useSaveSettings(environmentId: string) {
  const client = useQueryClient()
  return useMutation({
    mutationFn: (input: SettingsInput) => saveSettings(environmentId, input),
    onSettled: () => client.invalidateQueries({ queryKey: queryKeys.environments.all }),
  })
}
