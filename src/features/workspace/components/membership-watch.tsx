import { useEffect, useRef } from 'react'
import { toast } from '../../../components/ui/toaster.tsx'
import type { WorkspaceOrganization } from '../../../lib/workspace.ts'
import { useLiveMemberships } from '../api/use-live-memberships.ts'
import { departedOrganization } from '../lib/select-workspace.ts'

/**
 * Follows the user's memberships live: a changed role
 * is announced and the page follows it; losing the organization on screen is reported through `onRemoved`
 * unless the user said they were leaving it (`expected`).
 */
export function MembershipWatch({ userId, organizations, shown, expected, onRemoved }: {
  userId: string
  organizations: WorkspaceOrganization[]
  shown: WorkspaceOrganization | null
  expected: Set<string>
  onRemoved(name: string): void
}) {
  useLiveMemberships(userId, organizations.map((o) => o.membershipId))
  const before = useRef(shown)
  useEffect(() => {
    const previous = before.current
    before.current = shown
    const gone = departedOrganization(previous, organizations)
    if (gone && !expected.delete(gone.id)) onRemoved(gone.name)
    if (previous && shown && previous.id === shown.id && previous.role !== shown.role) {
      toast({ title: `Your role in ${shown.name} is now ${shown.role}`, description: 'An admin changed it; the page follows.', tone: 'info' })
    }
  }, [organizations, shown, expected, onRemoved])
  return null
}
