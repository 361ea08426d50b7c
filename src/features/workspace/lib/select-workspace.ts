import type { WorkspaceOrganization, WorkspaceProject } from '../../../lib/workspace.ts'

export interface StoredSelection {
  organizationId: string | null
  projectId: string | null
}

export interface Selection {
  organization: WorkspaceOrganization | null
  /** The selected organization's projects, in the order given. */
  projects: WorkspaceProject[]
  project: WorkspaceProject | null
}

/**
 * Which organization and project the workspace shows: the stored choice while the user still belongs to it,
 * else the stored project's organization, else the organization of the first project (by name), else the first
 * organization; within it the stored project, else its first one.
 */
export function selectWorkspace(organizations: WorkspaceOrganization[], projects: WorkspaceProject[], stored: StoredSelection): Selection {
  const byId = (id: string | null | undefined) => organizations.find((o) => o.id === id)
  const storedProject = projects.find((p) => p.id === stored.projectId)
  const organization = byId(stored.organizationId) ?? byId(storedProject?.organizationId) ?? byId(projects[0]?.organizationId) ?? organizations[0] ?? null
  const own = organization ? projects.filter((p) => p.organizationId === organization.id) : []
  return { organization, projects: own, project: own.find((p) => p.id === stored.projectId) ?? own[0] ?? null }
}

/** The organization shown before a refresh that the user no longer belongs to after it, if any. */
export function departedOrganization(shown: WorkspaceOrganization | null, now: WorkspaceOrganization[]): WorkspaceOrganization | null {
  if (!shown) return null
  return now.some((o) => o.id === shown.id) ? null : shown
}
