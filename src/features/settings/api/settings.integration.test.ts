// The settings page's operations through the app's own API functions and supabase-js, on a fresh stack with the
// demo seed; GitHub is the recording server from test/github (a good token, a narrow one, anything else 401).
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { DEMO } from '../../../../test/data-model/demo.ts'
import { GOOD_TOKEN, githubRoutes, NARROW_TOKEN } from '../../../../test/github/fake-github.ts'
import { startProjectWithEnv, type ProjectStack } from '../../../../test/github/project.ts'
import { startRecordingServer, type RecordingServer } from '../../../../test/helpers/recording-server.ts'
import { pickMapping } from '../../../../supabase/functions/_shared/github/branch-mapping.ts'
import { moveMapping } from '../lib/reorder.ts'

let github: RecordingServer
let stack: ProjectStack
let supabase: typeof import('../../../lib/supabase.ts')['supabase']
let api: typeof import('./create-integration.ts') & typeof import('./change-integration.ts') & typeof import('./list-integrations.ts')
  & typeof import('./webhook-settings.ts') & typeof import('./generate-webhook-secret.ts') & typeof import('./org-token.ts')
  & typeof import('./save-org-token.ts') & typeof import('./check-github-connection.ts') & typeof import('./save-branch-mapping.ts')
  & typeof import('./list-branch-mappings.ts')

async function as(user: keyof typeof DEMO.users) {
  await supabase.auth.signOut()
  const { error } = await supabase.auth.signInWithPassword({ email: `${user}@opzenix.dev`, password: DEMO.password })
  if (error) throw error
}

beforeAll(async () => {
  github = await startRecordingServer(githubRoutes)
  stack = await startProjectWithEnv({ GITHUB_API_URL: github.url, CONNECTION_TIMEOUT_MS: '2000' })
  vi.stubEnv('VITE_SUPABASE_URL', stack.apiUrl)
  vi.stubEnv('VITE_SUPABASE_ANON_KEY', stack.anonKey)
  globalThis.WebSocket ??= (await import('ws')).default as unknown as typeof WebSocket
  supabase = (await import('../../../lib/supabase.ts')).supabase
  const modules = await Promise.all(['./create-integration.ts', './change-integration.ts', './list-integrations.ts', './webhook-settings.ts',
    './generate-webhook-secret.ts', './org-token.ts', './save-org-token.ts', './check-github-connection.ts', './save-branch-mapping.ts',
    './list-branch-mappings.ts'].map((m) => import(/* @vite-ignore */ m)))
  api = Object.assign({}, ...modules)
})

afterAll(async () => {
  vi.unstubAllEnvs()
  await stack?.stop()
  await github?.stop()
})

const mapping = { environment_id: DEMO.env.staging, flow_template_id: '', github_integration_id: '', is_deployable: true, position: 0 }

describe('settings operations', () => {
  let integrationId = ''

  it('connects a repository as an admin; an operator is told only admins can', async () => {
    const input = { repository_owner: 'acme', repository_name: 'storefront', workflow_file: 'ci.yml', default_branch: 'main' }
    await as('operator')
    await expect(api.createIntegration(DEMO.project, DEMO.users.operator, input)).rejects.toThrow('Only organization admins can connect repositories.')
    await as('admin')
    integrationId = await api.createIntegration(DEMO.project, DEMO.users.admin, input)
    await expect(api.createIntegration(DEMO.project, DEMO.users.admin, input)).rejects.toThrow('acme/storefront is already connected')
    expect((await api.listIntegrations(DEMO.project)).map((i) => i.repository_name)).toContain('storefront')
  })

  it('shows a viewer the webhook settings but refuses them a secret; an admin gets it once', async () => {
    await as('viewer')
    expect(await api.getWebhookSettings(integrationId)).toMatchObject({ secret_set: false, content_type: 'application/json', repository: 'acme/storefront' })
    await expect(api.generateWebhookSecret(integrationId)).rejects.toMatchObject({ status: 403 })
    await expect(api.setIntegrationActive(integrationId, false)).rejects.toThrow('Only organization admins')
    await as('admin')
    expect((await api.generateWebhookSecret(integrationId)).secret).toMatch(/^whsec_/)
    expect(await api.getWebhookSettings(integrationId)).not.toHaveProperty('secret')
    expect((await api.getWebhookSettings(integrationId)).secret_set).toBe(true)
    await api.setIntegrationActive(integrationId, false)
    expect((await api.listIntegrations(DEMO.project)).find((i) => i.id === integrationId)?.is_active).toBe(false)
  })

  it("saves the organization's token (a rejected one shows GitHub's refusal) and checks it", async () => {
    await as('admin')
    expect(await api.getOrgToken(DEMO.acme)).toBeNull()
    await expect(api.saveOrgToken(DEMO.acme, { token: 'ghp_revokedToken0000000000000000000000' })).rejects.toMatchObject({ status: 422, message: 'GitHub rejected this token (HTTP 401)' })
    await api.saveOrgToken(DEMO.acme, { token: NARROW_TOKEN })
    await as('viewer')
    expect(await api.getOrgToken(DEMO.acme)).toMatchObject({ token_hint: NARROW_TOKEN.slice(-4), scopes: ['repo'] })
    const narrow = await api.checkGithubConnection(DEMO.acme)
    expect(narrow).toMatchObject({ status: 'degraded', details: { missing_scopes: ['workflow'] } })
    await as('admin')
    await api.saveOrgToken(DEMO.acme, { token: GOOD_TOKEN })
    expect(await api.checkGithubConnection(DEMO.acme, 'acme/payments-api')).toMatchObject({ ok: true, status: 'healthy' })
  })

  it('adds, edits, moves and deletes branch mappings in the order the webhook uses', async () => {
    await as('admin')
    await expect(api.saveBranchMapping(DEMO.project, null, { ...mapping, branch_pattern: 'shop/[x]' })).rejects.toThrow('cannot contain [')
    await api.saveBranchMapping(DEMO.project, null, { ...mapping, branch_pattern: 'shop/**', position: 50 })
    await api.saveBranchMapping(DEMO.project, null, { ...mapping, branch_pattern: 'shop/*', position: 51 })
    await expect(api.saveBranchMapping(DEMO.project, null, { ...mapping, branch_pattern: 'shop/*', position: 52 })).rejects.toThrow('already maps to that environment')
    let rows = await api.listBranchMappings(DEMO.project)
    expect(pickMapping(rows, 'shop/cart')?.branch_pattern).toBe('shop/**')
    const star = rows.find((r) => r.branch_pattern === 'shop/*')!
    await api.applyPositions(moveMapping(rows, star.id, -1))
    rows = await api.listBranchMappings(DEMO.project)
    expect(pickMapping(rows, 'shop/cart')?.branch_pattern).toBe('shop/*')
    expect(rows.map((r) => r.position)).toEqual([...rows.map((r) => r.position)].sort((a, b) => a - b))
    await api.saveBranchMapping(DEMO.project, star.id, { ...mapping, branch_pattern: 'shop/*', position: 50, is_deployable: false })
    expect((await api.listBranchMappings(DEMO.project)).find((r) => r.id === star.id)).toMatchObject({ is_deployable: false })
    await as('operator')
    await expect(api.deleteBranchMapping(star.id)).rejects.toThrow('Only organization admins can change branch mappings.')
    await as('admin')
    await api.deleteBranchMapping(star.id)
    expect((await api.listBranchMappings(DEMO.project)).some((r) => r.id === star.id)).toBe(false)
  })

  it('disconnecting a repository takes its mappings with it', async () => {
    await as('admin')
    await api.saveBranchMapping(DEMO.project, null, { ...mapping, branch_pattern: 'only-storefront', github_integration_id: integrationId })
    await api.deleteIntegration(integrationId)
    const rows = await api.listBranchMappings(DEMO.project)
    expect(rows.some((r) => r.branch_pattern === 'only-storefront')).toBe(false)
    expect((await api.listIntegrations(DEMO.project)).some((i) => i.id === integrationId)).toBe(false)
  })
})
