import { queryOptions, useQuery } from '@tanstack/react-query'
import { queryKeys } from '../../../lib/query-keys.ts'
import { useLiveQueries, type TableWatch } from '../../../lib/realtime.ts'
import { supabase } from '../../../lib/supabase.ts'
import type { ActionDecision, EnvironmentAction } from '../lib/environment-actions.ts'

/**
 * What the signed-in user may do on one environment, per action, with the database's sentence for why
 * (environment_actions, the same decision the policies and functions enforce). Empty for non-members.
 */
export async function getEnvironmentActions(environmentId: string, signal?: AbortSignal): Promise<ActionDecision[]> {
  const { data, error } = await supabase.rpc('environment_actions', { _environment_id: environmentId }).abortSignal(signal!)
  if (error) throw error
  return data
}

export type EnvironmentActionsData = Awaited<ReturnType<typeof getEnvironmentActions>>

export const environmentActionsQuery = (environmentId: string) => queryOptions({
  queryKey: queryKeys.environments.actions(environmentId),
  queryFn: ({ signal }) => getEnvironmentActions(environmentId, signal),
  select: (rows) => new Map<EnvironmentAction, ActionDecision>(rows.map((r) => [r.action, r])),
})

/**
 * The tables a decision depends on besides the role: grants, memberships (a role change), team memberships, and
 * teams (a renamed team changes the sentence). Unfiltered: RLS delivers only the caller's organizations' inserts
 * and updates, and deletes (which carry only the primary key, and which hosted Realtime cannot filter) just cause
 * a refetch.
 */
export const ACCESS_TABLES: TableWatch[] = [
  { table: 'environment_permissions' }, { table: 'organization_members' }, { table: 'team_members' }, { table: 'teams' },
]

/** The caller's decisions on the environment, by action, refetched live when a grant or membership changes. */
export function useEnvironmentActions(environmentId: string) {
  useLiveQueries(ACCESS_TABLES, [queryKeys.environments.actions(environmentId)])
  return useQuery(environmentActionsQuery(environmentId))
}
