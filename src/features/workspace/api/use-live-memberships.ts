import { useQueryClient } from '@tanstack/react-query'
import { useRef } from 'react'
import { queryKeys } from '../../../lib/query-keys.ts'
import { useTableChanges } from '../../../lib/realtime.ts'

/**
 * Refetches the workspace when one of the user's own memberships changes: a new one (invitation accepted,
 * organization created), a changed role, or a removal. Deletes carry only the row's id and cannot be filtered
 * (as on hosted Supabase), so a delete counts when its id is one of `membershipIds`.
 */
export function useLiveMemberships(userId: string, membershipIds: string[]): void {
  const queryClient = useQueryClient()
  const ids = useRef(membershipIds)
  ids.current = membershipIds
  const refetch = () => void queryClient.invalidateQueries({ queryKey: queryKeys.workspace.all })
  useTableChanges(
    [
      { table: 'organization_members', event: 'INSERT', filter: `user_id=eq.${userId}` },
      { table: 'organization_members', event: 'UPDATE', filter: `user_id=eq.${userId}` },
      { table: 'organization_members', event: 'DELETE' },
    ],
    (payload) => {
      if (payload.eventType !== 'DELETE' || ids.current.includes(String(payload.old.id))) refetch()
    },
    true,
    refetch,
  )
}
