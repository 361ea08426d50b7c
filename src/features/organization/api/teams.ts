import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { z } from 'zod'
import type { Tables } from '../../../integrations/supabase/types.ts'
import { supabase } from '../../../lib/supabase.ts'
import { refuse } from '../lib/refusal.ts'
import { queryKeys } from '../../../lib/query-keys.ts'

export interface Team extends Pick<Tables<'teams'>, 'id' | 'name' | 'description'> {
  memberIds: string[]
}

/** The organization's teams with their members' user ids (RLS: members read). */
export async function getTeams(orgId: string, signal?: AbortSignal): Promise<Team[]> {
  const { data, error } = await supabase.from('teams').select('id, name, description, team_members(user_id)')
    .eq('organization_id', orgId).order('name').abortSignal(signal!)
  if (error) throw error
  return data.map(({ team_members, ...team }) => ({ ...team, memberIds: team_members.map((m) => m.user_id) }))
}

export const teamsQuery = (orgId: string) => queryOptions({
  queryKey: queryKeys.organization.teams(orgId),
  queryFn: ({ signal }) => getTeams(orgId, signal),
})

export const useTeams = (orgId: string) => useQuery(teamsQuery(orgId))

export const teamSchema = z.object({
  name: z.string().trim().min(1, 'Give the team a name').max(80, 'At most 80 characters'),
  description: z.string().trim().max(300, 'At most 300 characters'),
})
export type TeamForm = z.infer<typeof teamSchema>

const duplicate = (name: string) => `A team named “${name}” already exists in this organization; pick another name.`

/** Creates a team, or renames one when `teamId` is given (RLS: admins). */
export async function saveTeam(orgId: string, input: TeamForm, teamId?: string): Promise<void> {
  const { name, description } = teamSchema.parse(input)
  const row = { name, description: description || null }
  if (!teamId) {
    const { error } = await supabase.from('teams').insert({ ...row, organization_id: orgId })
    if (error) refuse(error, { action: 'create teams', duplicate: duplicate(name) })
    return
  }
  const { data, error } = await supabase.from('teams').update(row).eq('id', teamId).select('id')
  if (error) refuse(error, { action: 'rename teams', duplicate: duplicate(name) })
  if (data.length === 0) refuse({ code: 'no_rows' }, { action: 'rename teams' })
}

export async function deleteTeam(teamId: string): Promise<void> {
  const { data, error } = await supabase.from('teams').delete().eq('id', teamId).select('id')
  if (error) refuse(error, { action: 'delete teams' })
  if (data.length === 0) refuse({ code: 'no_rows' }, { action: 'delete teams' })
}

/** Adds an organization member to a team (a foreign key refuses anyone else). */
export async function addTeamMember(orgId: string, teamId: string, userId: string): Promise<void> {
  const { error } = await supabase.from('team_members').insert({ team_id: teamId, organization_id: orgId, user_id: userId })
  if (error) refuse(error, { action: 'change teams', duplicate: 'They are already in this team.' })
}

export async function removeTeamMember(teamId: string, userId: string): Promise<void> {
  const { data, error } = await supabase.from('team_members').delete().eq('team_id', teamId).eq('user_id', userId).select('user_id')
  if (error) refuse(error, { action: 'change teams' })
  if (data.length === 0) refuse({ code: 'no_rows' }, { action: 'change teams' })
}

function useTeamMutation<T>(orgId: string, run: (input: T) => Promise<void>) {
  const queryClient = useQueryClient()
  return useMutation({ mutationFn: run, onSettled: () => queryClient.invalidateQueries({ queryKey: queryKeys.organization.teams(orgId) }) })
}

export const useSaveTeam = (orgId: string) => useTeamMutation(orgId, ({ values, teamId }: { values: TeamForm; teamId?: string }) => saveTeam(orgId, values, teamId))
export const useDeleteTeam = (orgId: string) => useTeamMutation(orgId, deleteTeam)
export const useAddTeamMember = (orgId: string) => useTeamMutation(orgId, ({ teamId, userId }: { teamId: string; userId: string }) => addTeamMember(orgId, teamId, userId))
export const useRemoveTeamMember = (orgId: string) => useTeamMutation(orgId, ({ teamId, userId }: { teamId: string; userId: string }) => removeTeamMember(teamId, userId))
