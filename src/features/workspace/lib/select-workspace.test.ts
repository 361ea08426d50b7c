import { describe, expect, it } from 'vitest'
import type { WorkspaceOrganization, WorkspaceProject } from '../../../lib/workspace.ts'
import { departedOrganization, selectWorkspace } from './select-workspace.ts'

const org = (id: string, role: WorkspaceOrganization['role'] = 'admin'): WorkspaceOrganization =>
  ({ id, name: id.toUpperCase(), slug: id, ownerId: null, role, membershipId: `m-${id}` })
const project = (id: string, organizationId: string): WorkspaceProject =>
  ({ id, name: id, organizationId, organizationName: organizationId.toUpperCase(), role: 'admin' })

const acme = org('acme')
const globex = org('globex', 'viewer')
const empty = org('empty')
const projects = [project('api', 'globex'), project('shop', 'acme'), project('web', 'acme')]
const none = { organizationId: null, projectId: null }

describe('selectWorkspace', () => {
  it('shows nothing to a user in no organization', () => {
    expect(selectWorkspace([], [], none)).toEqual({ organization: null, projects: [], project: null })
  })

  it('opens, with nothing stored, the organization of the first project by name', () => {
    const s = selectWorkspace([acme, globex], projects, none)
    expect(s.organization).toBe(globex)
    expect(s.project?.id).toBe('api')
    expect(s.projects.map((p) => p.id)).toEqual(['api'])
  })

  it('follows a stored project into its organization (what older versions stored)', () => {
    const s = selectWorkspace([acme, globex], projects, { organizationId: null, projectId: 'web' })
    expect(s.organization).toBe(acme)
    expect(s.project?.id).toBe('web')
    expect(s.projects.map((p) => p.id)).toEqual(['shop', 'web'])
  })

  it('keeps a stored organization with no project, and offers no project from another one', () => {
    const s = selectWorkspace([acme, empty], projects, { organizationId: 'empty', projectId: 'shop' })
    expect(s).toEqual({ organization: empty, projects: [], project: null })
  })

  it('takes the first project of the stored organization when the stored project is elsewhere', () => {
    expect(selectWorkspace([acme, globex], projects, { organizationId: 'acme', projectId: 'api' }).project?.id).toBe('shop')
  })

  it('falls back when the stored organization is one the user left', () => {
    const s = selectWorkspace([acme], projects, { organizationId: 'globex', projectId: 'api' })
    expect(s.organization).toBe(acme)
    expect(s.project?.id).toBe('shop')
  })

  it('opens the first organization when none has a project', () => {
    expect(selectWorkspace([empty, acme], [], none).organization).toBe(empty)
  })
})

describe('departedOrganization', () => {
  it('names the organization shown before if the user is no longer in it', () => {
    expect(departedOrganization(acme, [globex])).toBe(acme)
    expect(departedOrganization(acme, [])).toBe(acme)
  })

  it('is null while the user is still a member, or when nothing was shown', () => {
    expect(departedOrganization(acme, [{ ...acme, role: 'viewer' }, globex])).toBeNull()
    expect(departedOrganization(null, [])).toBeNull()
  })
})
