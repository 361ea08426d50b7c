import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { TestStack } from '../helpers/stack.ts'
import { DEMO, signIn, sql, startProjectStack, type Client } from './demo.ts'
import { graphProblems } from './seed-checks.ts'
import { FLOW_TYPES } from '../../supabase/functions/_shared/pipeline/flow-types.ts'

// The template library under RLS: who sees which templates, who may publish, and popularity counted from real
// instantiations (instantiate_pipeline_template) rather than a number anyone can type in.

const FINISHED = ['success', 'warning', 'failed', 'cancelled']
const LANGUAGES = ['java', 'dotnet', 'python', 'javascript', 'typescript', 'go']

let stack: TestStack
let anon: Client, viewer: Client, operator: Client, admin: Client, globex: Client
let n = 0
const uniq = (label: string) => `${label} ${process.pid}-${++n}`

async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 90_000): Promise<T> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const value = await probe()
    if (value !== undefined) return value
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 300))
  }
}

async function popularity(client: Client, id: string): Promise<number> {
  const { data, error } = await client.from('pipeline_templates').select('popularity').eq('id', id).single()
  if (error) throw error
  return data.popularity
}

async function builtIn(name: string): Promise<{ id: string; name: string; flow_type: string; nodes: unknown; edges: unknown }> {
  const [row] = await sql(stack, 'select id, name, flow_type, nodes, edges from public.pipeline_templates where organization_id is null and name = $1', [name])
  if (!row) throw new Error(`no built-in template ${name}`)
  return row
}

beforeAll(async () => {
  stack = await startProjectStack()
  anon = stack.anon()
  ;[viewer, operator, admin, globex] = await Promise.all([
    signIn(stack, 'viewer@opzenix.dev'), signIn(stack, 'operator@opzenix.dev'),
    signIn(stack, 'admin@opzenix.dev'), signIn(stack, 'globex@opzenix.dev'),
  ])
}, 120_000)
afterAll(async () => { await stack?.stop() })

describe('the built-in library', () => {
  it('has public starters for every flow type and every language, each runnable in a project with the default chain', async () => {
    const { data, error } = await anon.from('pipeline_templates').select('name, flow_type, category, tags, nodes, edges, organization_id')
    expect(error).toBeNull()
    const builtins = data!.filter((t) => t.organization_id === null)
    expect(new Set(builtins.map((t) => t.flow_type))).toEqual(new Set(FLOW_TYPES))
    const languages = builtins.filter((t) => t.category === 'Language starters')
    expect(LANGUAGES.filter((l) => !languages.some((t) => t.tags.includes(l)))).toEqual([])

    const envs = await sql(stack, 'select key, required_approvals from public.environments where project_id = $1', [DEMO.project])
    for (const t of builtins) expect([t.name, graphProblems({ nodes: t.nodes, edges: t.edges }, envs)]).toEqual([t.name, []])
  })

  it('uses each flow type\'s own stages in its starter', async () => {
    const kinds = async (name: string) => ((await builtIn(name)).nodes as Array<{ type: string }>).map((n) => n.type)
    expect(await kinds('Model training and serving')).toEqual(expect.arrayContaining(['data_validation', 'train', 'evaluate', 'register_model', 'deploy_model', 'monitor_drift']))
    expect(await kinds('Prompt release with evals and a canary')).toEqual(expect.arrayContaining(['eval_suite', 'guardrail_check', 'model_version_gate', 'canary']))
    expect(await kinds('Terraform plan, policy check and apply')).toEqual(expect.arrayContaining(['plan', 'policy_check', 'apply', 'drift_check']))
    expect(await kinds('Supply-chain security')).toEqual(expect.arrayContaining(['sast', 'dependency_scan', 'secrets_scan', 'sbom', 'image_sign', 'image_scan', 'security_gate']))
  })
})

describe('who sees and who publishes organization templates', () => {
  it('shows an organization\'s own template to its members only, and public ones to everyone', async () => {
    const names = async (client: Client) => ((await client.from('pipeline_templates').select('name')).data ?? []).map((t) => t.name)
    expect(await names(viewer)).toContain('Acme hotfix lane')
    expect(await names(globex)).not.toContain('Acme hotfix lane')
    expect(await names(anon)).not.toContain('Acme hotfix lane')
    expect(await names(globex)).toContain('Model training and serving')
  })

  it('lets an operator publish organization-wide or publicly, as themselves, and refuses a viewer and a stranger', async () => {
    const source = await builtIn('Container service: build, test, scan, deploy')
    const row = (name: string, is_public: boolean) => ({
      organization_id: DEMO.acme, name, category: 'Internal', flow_type: 'cicd', nodes: source.nodes, edges: source.edges, tags: ['team'], is_public,
    })

    const refusedViewer = await viewer.from('pipeline_templates').insert(row(uniq('viewer tpl'), false)).select()
    expect(refusedViewer.error?.code).toBe('42501')
    const refusedStranger = await globex.from('pipeline_templates').insert(row(uniq('globex tpl'), false)).select()
    expect(refusedStranger.error?.code).toBe('42501')

    const orgName = uniq('Team lane')
    const published = await operator.from('pipeline_templates')
      .insert({ ...row(orgName, false), created_by: DEMO.users.admin }).select('id, created_by, popularity').single()
    expect(published.error).toBeNull()
    expect(published.data).toMatchObject({ created_by: DEMO.users.operator, popularity: 0 })
    expect((await viewer.from('pipeline_templates').select('id').eq('id', published.data!.id)).data).toHaveLength(1)
    expect((await globex.from('pipeline_templates').select('id').eq('id', published.data!.id)).data).toEqual([])
    expect((await anon.from('pipeline_templates').select('id').eq('id', published.data!.id)).data).toEqual([])

    const publicName = uniq('Shared lane')
    const shared = await operator.from('pipeline_templates').insert(row(publicName, true)).select('id').single()
    expect(shared.error).toBeNull()
    expect((await globex.from('pipeline_templates').select('name').eq('id', shared.data!.id)).data).toEqual([{ name: publicName }])
    expect((await anon.from('pipeline_templates').select('name').eq('id', shared.data!.id)).data).toEqual([{ name: publicName }])
  })
})

describe('popularity', () => {
  it('cannot be typed in, on insert or update, by anyone', async () => {
    const inserted = await operator.from('pipeline_templates')
      .insert({ organization_id: DEMO.acme, name: uniq('Popular'), category: 'Internal', popularity: 500 }).select()
    expect(inserted.error?.code).toBe('23514')

    const hotfix = (await sql(stack, `select id, popularity from public.pipeline_templates where name = 'Acme hotfix lane'`))[0]
    const updated = await admin.from('pipeline_templates').update({ popularity: 999 }).eq('id', hotfix.id).select()
    expect(updated.error?.code).toBe('23514')
    const asService = await stack.service().from('pipeline_templates').update({ popularity: 999 }).eq('id', hotfix.id).select()
    expect(asService.error?.code).toBe('23514')
    expect(await popularity(admin, hotfix.id)).toBe(hotfix.popularity)
  })

  it('counts the demo pipelines made from the seeded starters', async () => {
    const rows = await sql(stack, `select t.popularity, (select count(*)::int from public.pipeline_template_uses u where u.template_id = t.id) as uses
      from public.pipeline_templates t where t.name like 'Starter: %'`)
    expect(rows.length).toBe(5)
    for (const r of rows) expect(r.popularity).toBe(r.uses)
    expect(rows.every((r) => r.uses >= 1)).toBe(true)
  })

  it('grows by one with each instantiation, which creates a pipeline of the template\'s type and graph', async () => {
    const template = await builtIn('Terraform plan, policy check and apply')
    const before = await popularity(anon, template.id)
    const name = uniq('Infra from template')
    const { data: id, error } = await operator.rpc('instantiate_pipeline_template', { _template_id: template.id, _project_id: DEMO.project, _name: name })
    expect(error).toBeNull()
    const { data: pipeline } = await viewer.from('flow_templates').select('name, type, nodes, edges, created_by').eq('id', id).single()
    expect(pipeline).toEqual({ name, type: 'infrastructure', nodes: template.nodes, edges: template.edges, created_by: DEMO.users.operator })
    expect(await popularity(anon, template.id)).toBe(before + 1)

    const { data: uses } = await viewer.from('pipeline_template_uses').select('template_id, used_by').eq('flow_template_id', id)
    expect(uses).toEqual([{ template_id: template.id, used_by: DEMO.users.operator }])
    expect((await globex.from('pipeline_template_uses').select('id').eq('flow_template_id', id)).data).toEqual([])
  })

  it('is not raised by refused instantiations', async () => {
    const template = await builtIn('Go service')
    const hotfix = (await sql(stack, `select id from public.pipeline_templates where name = 'Acme hotfix lane'`))[0]
    const [globexProject] = await sql(stack, 'select id from public.projects where organization_id = $1', [DEMO.globex])
    const before = await popularity(anon, template.id)

    const asViewer = await viewer.rpc('instantiate_pipeline_template', { _template_id: template.id, _project_id: DEMO.project })
    expect(asViewer.error?.code).toBe('42501')
    const asStranger = await globex.rpc('instantiate_pipeline_template', { _template_id: template.id, _project_id: DEMO.project })
    expect(asStranger.error?.code).toBe('42501')
    const otherOrgsTemplate = await globex.rpc('instantiate_pipeline_template', { _template_id: hotfix.id, _project_id: globexProject.id })
    expect(otherOrgsTemplate.error?.message).toBe('There is no such template, or it belongs to another organization.')
    const asAnon = await anon.rpc('instantiate_pipeline_template', { _template_id: template.id, _project_id: DEMO.project })
    expect(asAnon.error).not.toBeNull()

    const name = uniq('Go twice')
    expect((await operator.rpc('instantiate_pipeline_template', { _template_id: template.id, _project_id: DEMO.project, _name: name })).error).toBeNull()
    const duplicate = await operator.rpc('instantiate_pipeline_template', { _template_id: template.id, _project_id: DEMO.project, _name: name })
    expect(duplicate.error?.code).toBe('23505')
    expect(await popularity(anon, template.id)).toBe(before + 1)
  })
})

describe('instantiated templates on the engine', () => {
  it('run every ungated built-in template of the library to success on the simulated executor, deploying to dev', async () => {
    // (The seed's "Starter: …" copies of the demo pipelines have failure branches, skipped on a good run.)
    const templates = await sql(stack, `select id, name from public.pipeline_templates where organization_id is null
      and name not like 'Starter: %' and not exists (select 1 from jsonb_array_elements(nodes) n where n ->> 'type' = 'approval')`)
    expect(templates.length).toBeGreaterThanOrEqual(11)
    const runs = await Promise.all(templates.map(async (t) => {
      const { data: id, error } = await operator.rpc('instantiate_pipeline_template', { _template_id: t.id, _project_id: DEMO.project, _name: uniq(t.name) })
      if (error) throw new Error(`${t.name}: ${error.message}`)
      const started = await operator.functions.invoke('pipeline-execute', { body: { flow_template_id: id } })
      expect([t.name, started.error?.message ?? null]).toEqual([t.name, null])
      return { name: t.name as string, execution: started.data.execution_id as string }
    }))
    for (const run of runs) {
      const status = await until(`${run.name} to finish`, async () => {
        const [row] = await sql(stack, 'select status from public.executions where id = $1', [run.execution])
        return FINISHED.includes(row.status) ? row.status : undefined
      })
      const nodes = await sql(stack, 'select status from public.execution_nodes where execution_id = $1', [run.execution])
      const shipped = await sql(stack, `select e.key from public.deployments d join public.environments e on e.id = d.environment_id where d.execution_id = $1`, [run.execution])
      expect([run.name, status, [...new Set(nodes.map((n) => n.status))], shipped.map((s) => s.key)]).toEqual([run.name, 'success', ['success'], ['dev']])
    }
  }, 240_000)
})
