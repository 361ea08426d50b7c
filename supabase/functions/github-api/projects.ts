// Projects from a GitHub repository: what it is built with (GET /repos/:owner/:repo/stack) and creating a
// project linked to it (POST /projects). The project and its link are written as the caller, so RLS decides
// (organization admins); GitHub is read with the organization's token.
import { z } from 'zod'
import type { Caller } from '../_shared/auth.ts'
import { requireOrgRole } from '../_shared/connections/access.ts'
import { octokit } from '../_shared/connections/github.ts'
import { detectStack, type DetectedStack } from '../_shared/github/detect-stack.ts'
import { orgToken } from '../_shared/github/org-token.ts'
import { conflict, HttpError } from '../_shared/http.ts'
import { github } from './github-call.ts'

export const CreateProject = z.object({
  organization_id: z.uuid(),
  repository: z.string().regex(/^[\w.-]{1,100}\/[\w.-]{1,100}$/, 'owner/name of a GitHub repository'),
  name: z.string().trim().min(1).max(100).optional(),
  description: z.string().trim().max(500).optional(),
}).strict()

export interface RepositoryStack extends DetectedStack {
  repository: string
  description: string | null
  default_branch: string
  html_url: string
}

/** The repository's description, default branch, languages and detected build tool. */
export async function repositoryStack(gh: ReturnType<typeof octokit>, owner: string, repo: string): Promise<RepositoryStack> {
  const label = `GitHub (${owner}/${repo})`
  const [info, languages, root] = await Promise.all([
    github(() => gh.rest.repos.get({ owner, repo }), label),
    github(() => gh.rest.repos.listLanguages({ owner, repo }), label),
    // An empty repository has no contents (404): that is no files, not a failure.
    github(() => gh.rest.repos.getContent({ owner, repo, path: '' }), label).catch((error) => {
      if (error instanceof HttpError && error.status === 404) return []
      throw error
    }),
  ])
  const files = Array.isArray(root) ? root.map((entry) => entry.name) : []
  const detected = detectStack(files, languages as Record<string, number>)
  return {
    repository: info.full_name, description: info.description ?? null, default_branch: info.default_branch,
    html_url: info.html_url, ...detected, language: detected.language ?? info.language ?? null,
  }
}

/** POST /projects: a project named after the repository (unless named), linked to it, with what it is built with. */
export async function createProjectFromRepository(caller: Caller, input: z.infer<typeof CreateProject>) {
  await requireOrgRole(caller, input.organization_id, 'admin', 'create projects')
  const [owner, repo] = input.repository.split('/')
  const stack = await repositoryStack(octokit(await orgToken(caller.admin, input.organization_id)), owner, repo)
  const { data: project, error } = await caller.db.from('projects').insert({
    organization_id: input.organization_id, name: input.name ?? repo, description: input.description ?? stack.description,
    github_repo_url: stack.html_url, language: stack.language, build_tool: stack.buildTool, created_by: caller.user.id,
  }).select('id, organization_id, name, description, github_repo_url, language, build_tool, created_at').single()
  if (error?.code === '23505') throw conflict(`This organization already has a project named ${input.name ?? repo}`)
  if (error) throw error
  const [repoOwner, repoName] = stack.repository.split('/')
  const link = await caller.db.from('github_integrations').insert({
    project_id: project.id, repository_owner: repoOwner, repository_name: repoName, default_branch: stack.default_branch, created_by: caller.user.id,
  }).select('id').single()
  if (link.error) {
    await caller.db.from('projects').delete().eq('id', project.id)
    throw link.error
  }
  return { project, integration_id: link.data.id, detected: { language: stack.language, build_tool: stack.buildTool, languages: stack.languages } }
}
