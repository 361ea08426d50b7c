import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { z } from 'zod'
import { queryKeys } from '../../../lib/query-keys.ts'
import { supabase } from '../../../lib/supabase.ts'

const policyKey = (environmentId: string) => [...queryKeys.environments.all, 'approval-policy', environmentId] as const

/** The environment's current approval policy version with its rules (null: none yet), and the organization's teams. */
export async function getApprovalPolicy(environmentId: string, organizationId: string, signal?: AbortSignal) {
  const [version, teams] = await Promise.all([
    supabase.from('approval_policy_versions')
      .select('id, version, active, forbid_starter, forbid_commit_author, expires_after, require_ticket, require_impact, change_reason, created_at, approval_policy_rules (level, position, name, required, role, team_id, user_ids)')
      .eq('environment_id', environmentId).order('version', { ascending: false }).limit(1).abortSignal(signal!).maybeSingle(),
    supabase.from('teams').select('id, name').eq('organization_id', organizationId).order('name').abortSignal(signal!),
  ])
  if (version.error) throw version.error
  if (teams.error) throw teams.error
  return { version: version.data, teams: teams.data }
}
export type ApprovalPolicyData = Awaited<ReturnType<typeof getApprovalPolicy>>

export const approvalPolicyQuery = (environmentId: string, organizationId: string) => queryOptions({
  queryKey: policyKey(environmentId),
  queryFn: ({ signal }) => getApprovalPolicy(environmentId, organizationId, signal),
})
export const useApprovalPolicy = (environmentId: string, organizationId: string) => useQuery(approvalPolicyQuery(environmentId, organizationId))

export const policyInput = z.object({
  active: z.boolean(),
  forbid_starter: z.boolean(),
  forbid_commit_author: z.boolean(),
  require_ticket: z.boolean(),
  require_impact: z.boolean(),
  expires_after_minutes: z.number().int().min(1).max(43_200).nullable(),
  rules: z.array(z.object({
    level: z.number().int().min(1).max(5),
    name: z.string().trim().max(80),
    required: z.number().int().min(1).max(20),
    group: z.string().min(1, 'Choose a group'), // "role:admin" or "team:<id>"
  })),
  reason: z.string().trim().min(1, 'Say why the policy changes').max(500),
})
export type PolicyInput = z.infer<typeof policyInput>

/** Saves a new version through save_approval_policy (the database checks the caller is an admin). */
export async function saveApprovalPolicy(environmentId: string, input: PolicyInput) {
  const { reason, rules, ...rest } = policyInput.parse(input)
  const { error } = await supabase.rpc('save_approval_policy', {
    _environment_id: environmentId, _reason: reason,
    _policy: {
      ...rest,
      rules: rules.map(({ group, ...r }) => {
        const [kind, value] = group.split(':')
        return { ...r, ...(kind === 'role' ? { role: value } : { team_id: value }) }
      }),
    },
  })
  if (error) throw new Error(error.message)
}

export function useSaveApprovalPolicy(environmentId: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (input: PolicyInput) => saveApprovalPolicy(environmentId, input),
    onSettled: () => queryClient.invalidateQueries({ queryKey: policyKey(environmentId) }),
  })
}
