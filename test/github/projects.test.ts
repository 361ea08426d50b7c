// A project created from a GitHub repository through github-api (GitHub played by a recording server): what it
// is built with is detected, the repository is linked, only admins create; archiving keeps history and stops
// new work until an admin restores it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO, signIn, sql, type Client } from '../data-model/demo.ts'
import { startRecordingServer, type RecordingServer } from '../helpers/recording-server.ts'
import { GOOD_TOKEN, githubRoutes } from './fake-github.ts'
import { call, startProjectWithEnv, type ProjectStack } from './project.ts'

let github: RecordingServer
let stack: ProjectStack
const users: Record<string, Client> = {}

const projectCount = async () => (await sql(stack, 'select count(*)::int as n from public.projects'))[0].n as number

const storefront = [
  { method: 'GET', path: '/repos/acme/storefront', reply: { json: {
    id: 12, full_name: 'acme/storefront', description: 'The shop front end', default_branch: 'trunk', language: 'TypeScript',
    html_url: 'https://github.com/acme/storefront', private: false,
  } } },
  { method: 'GET', path: '/repos/acme/storefront/languages', reply: { json: { TypeScript: 80_000, CSS: 15_000, HTML: 5_000 } } },
  { method: 'GET', path: /^\/repos\/acme\/storefront\/contents\/?$/, reply: { json: [
    { name: 'package.json', type: 'file' }, { name: 'pnpm-lock.yaml', type: 'file' }, { name: 'src', type: 'dir' },
  ] } },
  { method: 'GET', path: '/repos/acme/empty', reply: { json: { id: 13, full_name: 'acme/empty', description: null, default_branch: 'main', language: null, html_url: 'https://github.com/acme/empty' } } },
  { method: 'GET', path: '/repos/acme/empty/languages', reply: { json: {} } },
  { method: 'GET', path: /^\/repos\/acme\/empty\/contents\/?$/, reply: { status: 404, json: { message: 'This repository is empty.' } } },
  { method: 'GET', path: /^\/repos\/acme\/missing/, reply: { status: 404, json: { message: 'Not Found' } } },
]

beforeAll(async () => {
  github = await startRecordingServer([...githubRoutes, ...storefront])
  stack = await startProjectWithEnv({ GITHUB_API_URL: github.url, CONNECTION_TIMEOUT_MS: '2000' })
  for (const who of ['admin', 'operator', 'viewer', 'globex']) users[who] = await signIn(stack, `${who}@opzenix.dev`)
  const saved = await call(users.admin, 'github-api/token', 'POST', { organization_id: DEMO.acme, token: GOOD_TOKEN })
  if (saved.status !== 201) throw new Error(`token: ${JSON.stringify(saved.error)}`)
}, 120_000)
afterAll(async () => {
  await stack?.stop()
  await github?.stop()
})

describe('projects from GitHub', () => {
  it('shows members what a repository is built with before anything is created', async () => {
    const reply = await call(users.viewer, `github-api/repos/acme/storefront/stack?organization_id=${DEMO.acme}`)
    expect(reply.status).toBe(200)
    expect(reply.data).toEqual({
      repository: 'acme/storefront', description: 'The shop front end', default_branch: 'trunk', html_url: 'https://github.com/acme/storefront',
      language: 'TypeScript', buildTool: 'pnpm', languages: [{ name: 'TypeScript', percent: 80 }, { name: 'CSS', percent: 15 }, { name: 'HTML', percent: 5 }],
    })
    expect(github.received('/repos/acme/storefront/languages').at(-1)?.headers.authorization).toBe(`token ${GOOD_TOKEN}`)
  })

  it('lets an admin create a project linked to the repository, with its language and build tool', async () => {
    const reply = await call(users.admin, 'github-api/projects', 'POST', { organization_id: DEMO.acme, repository: 'acme/storefront' })
    expect(reply.status).toBe(201)
    expect(reply.data.project).toMatchObject({
      organization_id: DEMO.acme, name: 'storefront', description: 'The shop front end', github_repo_url: 'https://github.com/acme/storefront',
      language: 'TypeScript', build_tool: 'pnpm',
    })
    const [link] = await sql(stack, 'select repository_owner, repository_name, default_branch, project_id from public.github_integrations where id = $1', [reply.data.integration_id])
    expect(link).toEqual({ repository_owner: 'acme', repository_name: 'storefront', default_branch: 'trunk', project_id: reply.data.project.id })
    // Everyone in the organization sees it; no one outside does.
    expect((await users.viewer.from('projects').select('name').eq('id', reply.data.project.id)).data).toEqual([{ name: 'storefront' }])
    expect((await users.globex.from('projects').select('name').eq('id', reply.data.project.id)).data).toEqual([])
  })

  it('creates an empty repository\'s project with nothing detected', async () => {
    const reply = await call(users.admin, 'github-api/projects', 'POST', { organization_id: DEMO.acme, repository: 'acme/empty', name: 'Greenfield' })
    expect(reply.status).toBe(201)
    expect(reply.data.project).toMatchObject({ name: 'Greenfield', language: null, build_tool: null })
  })

  it('refuses operators, other organizations, a taken name, an unknown repository and bad input, creating nothing', async () => {
    const before = await projectCount()
    const body = { organization_id: DEMO.acme, repository: 'acme/storefront', name: 'storefront-2' }
    expect((await call(users.operator, 'github-api/projects', 'POST', body)).status).toBe(403)
    expect((await call(users.globex, 'github-api/projects', 'POST', body)).status).toBe(403)
    const taken = await call(users.admin, 'github-api/projects', 'POST', { ...body, name: 'storefront' })
    expect(taken).toMatchObject({ status: 409, error: { error: { code: 'conflict', message: 'This organization already has a project named storefront' } } })
    expect((await call(users.admin, 'github-api/projects', 'POST', { ...body, repository: 'acme/missing' })).status).toBe(404)
    const bad = await call(users.admin, 'github-api/projects', 'POST', { ...body, repository: 'not a repo' })
    expect(bad).toMatchObject({ status: 400, error: { error: { code: 'invalid_input' } } })
    expect(await projectCount()).toBe(before)
  })
})

describe('archiving a project', () => {
  it('is for admins, records who, refuses new runs and deployments, and is undone by restoring', async () => {
    const { data: project } = await users.admin.from('projects').insert({ organization_id: DEMO.acme, name: 'to-archive' }).select('id').single()
    const { data: env } = await users.admin.from('environments')
      .insert({ project_id: project!.id, key: 'dev', display_name: 'Dev', tier: 'development', position: 1 }).select('id').single()
    const run = () => users.operator.from('executions').insert({ project_id: project!.id, name: 'nightly', started_by: DEMO.users.operator }).select('id')
    expect((await run()).error).toBeNull()

    expect((await users.operator.from('projects').update({ archived_at: new Date().toISOString() }).eq('id', project!.id).select()).data).toEqual([])
    const archived = await users.admin.from('projects').update({ archived_at: '2000-01-01T00:00:00Z', archived_by: DEMO.users.viewer }).eq('id', project!.id).select('archived_at, archived_by').single()
    expect(archived.data!.archived_by).toBe(DEMO.users.admin)
    expect(new Date(archived.data!.archived_at!).getFullYear()).toBeGreaterThan(2000)

    const refused = await run()
    expect(refused.error?.message).toBe('project to-archive is archived; an admin can restore it on the Projects page')
    const deploy = await users.admin.from('deployments').insert({ project_id: project!.id, environment_id: env!.id, version: '1.0.0', deployed_by: DEMO.users.admin })
    expect(deploy.error?.message).toMatch(/is archived/)
    // History stays readable.
    expect((await users.viewer.from('executions').select('id').eq('project_id', project!.id)).data).toHaveLength(1)

    await users.admin.from('projects').update({ archived_at: null }).eq('id', project!.id)
    expect((await run()).error).toBeNull()
    const [row] = await sql(stack, 'select archived_at, archived_by from public.projects where id = $1', [project!.id])
    expect(row).toEqual({ archived_at: null, archived_by: null })
  })
})
