import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { z } from 'zod'
import { queryKeys } from '../../../lib/query-keys.ts'
import { supabase } from '../../../lib/supabase.ts'
import { formToRule, PEOPLE, type GroupNames } from '../lib/policy-form.ts'

const VERSION_COLUMNS = 'id, version, active, forbid_starter, forbid_commit_author, expires_after, require_ticket, require_impact, change_reason, created_by, created_at, approval_policy_rules (level, position, name, required, role, team_id, user_ids)'

/**
 * Every version of the environment's approval policy, newest first (the first is current; empty: never had
 * one), with who made each; the organization's teams and members, whom rules can name.
 */
export async function getApprovalPolicy(environmentId: string, organizationId: string, signal?: AbortSignal) {
  const [versions, teams, members] = await Promise.all([
    supabase.from('approval_policy_versions').select(VERSION_COLUMNS)
      .eq('environment_id', environmentId).order('version', { ascending: false }).abortSignal(signal!),
    supabase.from('teams').select('id, name').eq('organization_id', organizationId).order('name').abortSignal(signal!),
    supabase.from('organization_members').select('user_id, role').eq('organization_id', organizationId).abortSignal(signal!),
  ])
  if (versions.error) throw versions.error
  if (teams.error) throw teams.error
  if (members.error) throw members.error
  const ids = [...new Set([...members.data.map((m) => m.user_id), ...versions.data.flatMap((v) => [v.created_by, ...v.approval_policy_rules.flatMap((r) => r.user_ids ?? [])])])]
    .filter((id): id is string => !!id)
  const profiles = ids.length === 0 ? { data: [], error: null }
    : await supabase.from('profiles').select('id, full_name, email').in('id', ids).abortSignal(signal!)
  if (profiles.error) throw profiles.error
  const byId = new Map(profiles.data.map((p) => [p.id, { name: p.full_name || p.email || 'Unknown user', email: p.email ?? '' }]))
  const names: GroupNames = {
    teams: new Map(teams.data.map((t) => [t.id, t.name])),
    people: new Map([...byId].map(([id, p]) => [id, p.name])),
  }
  return {
    versions: versions.data.map((v) => ({
      ...v,
      author: v.created_by ? byId.get(v.created_by)?.name ?? 'Someone outside your organization' : 'A direct database write',
    })),
    teams: teams.data,
    members: members.data
      .map((m) => ({ id: m.user_id, role: m.role, name: byId.get(m.user_id)?.name ?? 'Unknown user', email: byId.get(m.user_id)?.email ?? '' }))
      .sort((a, b) => a.name.localeCompare(b.name)),
    names,
  }
}
export type ApprovalPolicyData = Awaited<ReturnType<typeof getApprovalPolicy>>
export type PolicyVersion = ApprovalPolicyData['versions'][number]
export type PolicyMember = ApprovalPolicyData['members'][number]

export const approvalPolicyQuery = (environmentId: string, organizationId: string) => queryOptions({
  queryKey: queryKeys.environments.approvalPolicy(environmentId),
  queryFn: ({ signal }) => getApprovalPolicy(environmentId, organizationId, signal),
})
export const useApprovalPolicy = (environmentId: string, organizationId: string) => useQuery(approvalPolicyQuery(environmentId, organizationId))

const ruleInput = z.object({
  level: z.number().int().min(1).max(5),
  name: z.string().trim().max(80),
  required: z.number().int().min(1).max(20),
  group: z.string().min(1, 'Choose a group'), // "role:admin", "team:<id>" or "people"
  user_ids: z.array(z.string().min(1)).max(50, 'Name at most 50 people'),
}).superRefine((rule, ctx) => {
  if (rule.group !== PEOPLE) return
  if (rule.user_ids.length === 0) ctx.addIssue({ code: 'custom', path: ['user_ids'], message: 'Choose at least one person' })
  else if (rule.required > rule.user_ids.length) {
    ctx.addIssue({ code: 'custom', path: ['required'], message: `Asks for ${rule.required} approvals from ${rule.user_ids.length} ${rule.user_ids.length === 1 ? 'person' : 'people'}` })
  }
})

export const policyInput = z.object({
  active: z.boolean(),
  forbid_starter: z.boolean(),
  forbid_commit_author: z.boolean(),
  require_ticket: z.boolean(),
  require_impact: z.boolean(),
  expires_after_minutes: z.number().int().min(1).max(43_200).nullable(),
  rules: z.array(ruleInput),
  reason: z.string().trim().min(1, 'Say why the policy changes').max(500),
})
export type PolicyInput = z.infer<typeof policyInput>

/** Saves a new version through save_approval_policy (the database checks the caller is an admin). */
export async function saveApprovalPolicy(environmentId: string, input: PolicyInput) {
  const { reason, rules, ...rest } = policyInput.parse(input)
  const { error } = await supabase.rpc('save_approval_policy', {
    _environment_id: environmentId, _reason: reason, _policy: { ...rest, rules: rules.map(formToRule) },
  })
  if (error) throw new Error(error.message)
}

export function useSaveApprovalPolicy(environmentId: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (input: PolicyInput) => saveApprovalPolicy(environmentId, input),
    onSettled: () => queryClient.invalidateQueries({ queryKey: queryKeys.environments.approvalPolicy(environmentId) }),
  })
}
