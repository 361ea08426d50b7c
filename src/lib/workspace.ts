import { createContext, useContext } from 'react'
import type { User } from '@supabase/supabase-js'
import type { Mode } from './modes.ts'
import type { AppRole } from './permissions.ts'

export interface WorkspaceProject {
  id: string
  name: string
  organizationId: string
  organizationName: string
  role: AppRole
}

/** Who is signed in, which project they are looking at, their role there and their mode. */
export interface Workspace {
  user: User
  displayName: string
  avatarUrl: string | null
  projects: WorkspaceProject[]
  /** null when the user belongs to no organization yet. */
  project: WorkspaceProject | null
  role: AppRole | null
  mode: Mode
  setProject(id: string): void
  setMode(mode: Mode): Promise<void>
}

export const WorkspaceContext = createContext<Workspace | null>(null)

export function useWorkspace(): Workspace {
  const workspace = useContext(WorkspaceContext)
  if (!workspace) throw new Error('useWorkspace needs the WorkspaceProvider (src/app)')
  return workspace
}

/** The current project, for pages that need one (the shell shows an onboarding page when there is none). */
export function useProject(): WorkspaceProject {
  const { project } = useWorkspace()
  if (!project) throw new Error('No project selected')
  return project
}
