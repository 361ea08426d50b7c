import type { User } from '@supabase/supabase-js'
import { useQuery, useQueryClient } from '@tanstack/react-query'
import { useMemo, useState, type ReactNode } from 'react'
import { ErrorState, LoadingRows } from '../../../components/states.tsx'
import { resolveMode, type Mode } from '../../../lib/modes.ts'
import { queryKeys } from '../../../lib/query-keys.ts'
import { WorkspaceContext, type Workspace } from '../../../lib/workspace.ts'
import { workspaceQuery } from '../api/get-workspace.ts'
import { saveMode } from '../api/save-mode.ts'

const PROJECT_KEY = 'opzenix.project'

export function WorkspaceProvider({ user, children }: { user: User; children: ReactNode }) {
  const query = useQuery(workspaceQuery(user.id))
  const queryClient = useQueryClient()
  const [projectId, setProjectId] = useState(() => localStorage.getItem(PROJECT_KEY))

  const workspace = useMemo<Workspace | null>(() => {
    if (!query.data) return null
    const { projects, fullName, avatarUrl, savedMode } = query.data
    const project = projects.find((p) => p.id === projectId) ?? projects[0] ?? null
    return {
      user,
      displayName: fullName || user.email || 'You',
      avatarUrl,
      projects,
      project,
      role: project?.role ?? null,
      mode: resolveMode(savedMode, project?.role),
      setProject(id) {
        localStorage.setItem(PROJECT_KEY, id)
        setProjectId(id)
      },
      async setMode(mode: Mode) {
        await saveMode(user.id, mode)
        await queryClient.invalidateQueries({ queryKey: queryKeys.workspace.memberships(user.id) })
      },
    }
  }, [query.data, projectId, user, queryClient])

  if (query.isPending) return <div className="p-8"><LoadingRows rows={5} /></div>
  if (query.isError) return <div className="p-8"><ErrorState error={query.error} onRetry={() => query.refetch()} /></div>
  return <WorkspaceContext.Provider value={workspace}>{children}</WorkspaceContext.Provider>
}
