import type { User } from '@supabase/supabase-js'
import { useQuery, useQueryClient } from '@tanstack/react-query'
import { useMemo, useRef, useState, type ReactNode } from 'react'
import { ErrorState, LoadingRows } from '../../../components/states.tsx'
import { resolveMode, type Mode } from '../../../lib/modes.ts'
import { queryKeys } from '../../../lib/query-keys.ts'
import { WorkspaceContext, type Workspace } from '../../../lib/workspace.ts'
import { workspaceQuery } from '../api/get-workspace.ts'
import { saveMode } from '../api/save-mode.ts'
import { selectWorkspace } from '../lib/select-workspace.ts'
import { MembershipWatch } from './membership-watch.tsx'

const PROJECT_KEY = 'opzenix.project'
const ORGANIZATION_KEY = 'opzenix.organization'


export function WorkspaceProvider({ user, children }: { user: User; children: ReactNode }) {
  const query = useQuery(workspaceQuery(user.id))
  const queryClient = useQueryClient()
  const [stored, setStored] = useState(() => ({ organizationId: localStorage.getItem(ORGANIZATION_KEY), projectId: localStorage.getItem(PROJECT_KEY) }))
  const [removedFrom, setRemovedFrom] = useState<string | null>(null)
  const expected = useRef(new Set<string>())

  const selection = useMemo(() => query.data && selectWorkspace(query.data.organizations, query.data.projects, stored), [query.data, stored])

  const workspace = useMemo<Workspace | null>(() => {
    if (!query.data || !selection) return null
    const { organizations, projects: all, fullName, avatarUrl, savedMode } = query.data
    const { organization, projects, project } = selection
    return {
      user,
      displayName: fullName || user.email || 'You',
      avatarUrl,
      organizations,
      organization,
      projects,
      project,
      role: organization?.role ?? null,
      mode: resolveMode(savedMode, organization?.role),
      removedFrom,
      dismissRemoval: () => setRemovedFrom(null),
      expectDeparture: (id) => { expected.current.add(id) },
      setOrganization(id) {
        localStorage.setItem(ORGANIZATION_KEY, id)
        setStored((s) => ({ ...s, organizationId: id }))
        setRemovedFrom(null)
      },
      setProject(id) {
        const organizationId = all.find((p) => p.id === id)?.organizationId ?? null
        localStorage.setItem(PROJECT_KEY, id)
        if (organizationId) localStorage.setItem(ORGANIZATION_KEY, organizationId)
        setStored((s) => ({ organizationId: organizationId ?? s.organizationId, projectId: id }))
      },
      async setMode(mode: Mode) {
        await saveMode(user.id, mode)
        await queryClient.invalidateQueries({ queryKey: queryKeys.workspace.memberships(user.id) })
      },
    }
  }, [query.data, selection, removedFrom, user, queryClient])

  if (query.isPending) return <div className="p-8"><LoadingRows rows={5} /></div>
  if (query.isError) return <div className="p-8"><ErrorState error={query.error} onRetry={() => query.refetch()} /></div>
  return (
    <WorkspaceContext.Provider value={workspace}>
      {children}
      <MembershipWatch userId={user.id} organizations={query.data.organizations} shown={selection?.organization ?? null}
        expected={expected.current} onRemoved={setRemovedFrom} />
    </WorkspaceContext.Provider>
  )
}
