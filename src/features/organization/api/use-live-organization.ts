import { useLiveQueries } from '../../../lib/realtime.ts'
import { queryKeys } from '../../../lib/query-keys.ts'

/**
 * Refetches the members, invitations and teams of the organization when its members or teams change (a role
 * changed, someone accepted an invitation or left, a team edited). Deletes cannot be filtered (they carry only
 * the row's key), so those of other organizations refetch too: rare, and cheap.
 */
export function useLiveOrganization(orgId: string): void {
  const filter = `organization_id=eq.${orgId}`
  useLiveQueries(
    [
      { table: 'organization_members', event: 'INSERT', filter }, { table: 'organization_members', event: 'UPDATE', filter },
      { table: 'organization_members', event: 'DELETE' },
      { table: 'teams', event: 'INSERT', filter }, { table: 'teams', event: 'UPDATE', filter }, { table: 'teams', event: 'DELETE' },
      { table: 'team_members', event: 'INSERT', filter }, { table: 'team_members', event: 'DELETE' },
    ],
    [queryKeys.organization.all(orgId)],
  )
}
