import { queryOptions } from '@tanstack/react-query'
import { queryKeys } from '../../../lib/query-keys.ts'
import { supabase } from '../../../lib/supabase.ts'
import type { WorkspaceOrganization, WorkspaceProject } from '../../../lib/workspace.ts'

export interface WorkspaceData {
  organizations: WorkspaceOrganization[]
  /** Every project of those organizations, by name. */
  projects: WorkspaceProject[]
  fullName: string | null
  avatarUrl: string | null
  savedMode: string | null
}

/** The user's organizations (with their role in each), those organizations' projects, profile and preferences. */
export async function getWorkspace(userId: string, signal?: AbortSignal): Promise<WorkspaceData> {
  const [members, projects, profile, preferences] = await Promise.all([
    supabase.from('organization_members').select('id, role, organization_id, organizations(name, slug, owner_id)').eq('user_id', userId).abortSignal(signal!),
    supabase.from('projects').select('id, name, organization_id').is('archived_at', null).order('name').abortSignal(signal!),
    supabase.from('profiles').select('full_name, avatar_url').eq('id', userId).abortSignal(signal!).maybeSingle(),
    supabase.from('user_preferences').select('default_mode').eq('user_id', userId).abortSignal(signal!).maybeSingle(),
  ])
  for (const result of [members, projects, profile, preferences]) if (result.error) throw result.error
  const organizations = (members.data ?? []).flatMap((m) => m.organizations
    ? [{ id: m.organization_id, name: m.organizations.name, slug: m.organizations.slug, ownerId: m.organizations.owner_id, role: m.role, membershipId: m.id }]
    : [])
  organizations.sort((a, b) => a.name.localeCompare(b.name))
  const orgs = new Map(organizations.map((o) => [o.id, o]))
  return {
    organizations,
    projects: (projects.data ?? []).flatMap((p) => {
      const org = orgs.get(p.organization_id)
      return org ? [{ id: p.id, name: p.name, organizationId: p.organization_id, organizationName: org.name, role: org.role }] : []
    }),
    fullName: profile.data?.full_name ?? null,
    avatarUrl: profile.data?.avatar_url ?? null,
    savedMode: preferences.data?.default_mode ?? null,
  }
}

export const workspaceQuery = (userId: string) => queryOptions({
  queryKey: queryKeys.workspace.memberships(userId),
  queryFn: ({ signal }) => getWorkspace(userId, signal),
})
