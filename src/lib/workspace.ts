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

/** An organization the user belongs to, with their role in it. */
export interface WorkspaceOrganization {
  id: string
  name: string
  slug: string
  ownerId: string | null
  role: AppRole
  /** The id of the user's organization_members row (Realtime deletes carry only this). */
  membershipId: string
}

/** Who is signed in, which organization and project they are looking at, their role there and their mode. */
export interface Workspace {
  user: User
  displayName: string
  avatarUrl: string | null
  organizations: WorkspaceOrganization[]
  /** null when the user belongs to no organization yet. */
  organization: WorkspaceOrganization | null
  /** The current organization's projects. */
  projects: WorkspaceProject[]
  /** null when the current organization has no project yet (or there is no organization). */
  project: WorkspaceProject | null
  /** The user's role in the current organization. */
  role: AppRole | null
  mode: Mode
  /** The organization the user was looking at when they stopped being a member of it (removed, or it was deleted). */
  removedFrom: string | null
  dismissRemoval(): void
  /** Says the user is leaving (or deleting) this organization themselves, so its disappearance is no surprise. */
  expectDeparture(organizationId: string): void
  setOrganization(id: string): void
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

/** The current organization, for pages that need one but no project (the shell offers to create one first). */
export function useOrganization(): WorkspaceOrganization {
  const { organization } = useWorkspace()
  if (!organization) throw new Error('No organization selected')
  return organization
}
