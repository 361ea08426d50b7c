import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { parse } from 'yaml'
import { describe, expect, it } from 'vitest'
import { validateGraph } from '../../../../supabase/functions/_shared/pipeline/graph.ts'
import { importWorkflow, type ImportResult } from './actions-import.ts'
import { fromCode, toCode } from './pipeline-yaml.ts'

const CORPUS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../test/fixtures/github-actions')
const files = readdirSync(CORPUS).filter((f) => f.endsWith('.yml')).sort()
const read = (file: string) => readFileSync(path.join(CORPUS, file), 'utf8')
const environments = [
  { key: 'dev', display_name: 'Development', required_approvals: 0 },
  { key: 'staging', display_name: 'Staging', required_approvals: 1 },
  { key: 'prod', display_name: 'Production', required_approvals: 2 },
]
const options = { repository: 'acme/payments-api', workflowPath: '.github/workflows/ci.yml', environments }
const imported = (file: string) => {
  const result = importWorkflow(read(file), options)
  if (!result.ok) throw new Error(`${file}: ${JSON.stringify(result.errors)}`)
  return result as ImportResult
}
const STRUCTURAL = ['duplicate_node_id', 'unknown_kind', 'invalid_config', 'dangling_edge', 'duplicate_edge', 'cycle', 'orphan_node', 'unreachable_node', 'source_has_input']

describe('the workflow corpus', () => {
  it('holds at least 30 workflow files', () => {
    expect(files.length).toBeGreaterThanOrEqual(30)
  })

  it.each(files)('%s imports into a sound graph: every job a node, every need an edge, nothing dropped silently', (file) => {
    const text = read(file)
    const workflow = parse(text, { merge: true }) as { jobs: Record<string, { needs?: string | string[]; strategy?: unknown; environment?: unknown }> }
    const { pipeline, notes } = imported(file)
    const ids = pipeline.nodes.map((n) => n.id)
    const nodesOf = (job: string) => ids.filter((id) => id === job || id.startsWith(`${job}-`))
    for (const [job, spec] of Object.entries(workflow.jobs)) {
      expect(nodesOf(job).length, `${file}: job ${job}`).toBeGreaterThan(0)
      const needs = typeof spec.needs === 'string' ? [spec.needs] : spec.needs ?? []
      for (const need of needs.filter((n) => n in workflow.jobs)) {
        const from = new Set(nodesOf(need))
        const into = new Set(nodesOf(job))
        expect(pipeline.edges.some((e) => from.has(e.source) && into.has(e.target)), `${file}: ${need} → ${job}`).toBe(true)
      }
    }
    // No structural problem; the rules may still ask for a deploy or a test, as for any pipeline.
    const issues = validateGraph({ nodes: pipeline.nodes, edges: pipeline.edges }, { environments: environments.map((e) => ({ key: e.key, required_approvals: e.required_approvals })) })
    expect(issues.filter((i) => STRUCTURAL.includes(i.code)), file).toEqual([])
    // Each note names something on the line it points at.
    const lines = text.split('\n')
    for (const n of notes) {
      const named = /^(?:jobs\.[^.\s]+\.|on\.)?`?([^\s:`"]+)/.exec(n.message)![1]!.split('.').pop()!
      expect(lines[n.line - 1], `${file}: line ${n.line} for "${n.message}"`).toContain(named.replace(/^jobs\./, ''))
    }
    // What was imported is a pipeline the code view reads back unchanged.
    expect(fromCode(toCode(pipeline))).toMatchObject({ ok: true })
  })
})

describe('importWorkflow', () => {
  it('expands a matrix into one node per combination, exclude and include applied', () => {
    const { pipeline } = imported('08-matrix-include-exclude.yml')
    const tests = pipeline.nodes.filter((n) => n.id.startsWith('test-'))
    expect(tests.map((n) => n.label)).toEqual([
      'test (3.10, ubuntu-latest)', 'test (3.11, ubuntu-latest)', 'test (3.11, macos-latest)',
      'test (3.12, ubuntu-latest)', 'test (3.12, macos-latest)', 'test (3.13, ubuntu-latest, true)',
    ])
    expect(tests.every((n) => n.kind === 'test')).toBe(true)
    expect(tests[0]!.config).toEqual({ executor: { type: 'github_workflow', workflow: '.github/workflows/ci.yml', inputs: { opzenix_job: 'test', opzenix_matrix: '{"python":"3.10","os":"ubuntu-latest"}' } } })
  })

  it('turns environment jobs into deploys, behind an approval where the environment is protected', () => {
    const { pipeline, notes } = imported('03-deploy-environments.yml')
    const byId = Object.fromEntries(pipeline.nodes.map((n) => [n.id, n]))
    expect(byId['deploy-staging']).toMatchObject({ kind: 'deploy', config: { environment: 'staging' } })
    expect(byId['deploy-staging-approval']).toMatchObject({ kind: 'approval', config: { environment: 'staging', required_approvals: 1 } })
    // "production" is the project's prod by its display name.
    expect(byId['deploy-production']).toMatchObject({ kind: 'deploy', config: { environment: 'prod' } })
    expect(pipeline.edges).toContainEqual({ source: 'deploy-staging', target: 'deploy-production-approval', on: 'success' })
    expect(notes.map((n) => n.message)).toContain('jobs.build.outputs is not carried over')
    expect(notes.map((n) => n.message)).toContain('jobs.deploy-staging.steps: the job becomes an Opzenix deploy to staging; its steps do not run')
    expect(validateGraph(pipeline).filter((i) => i.severity === 'error')).toEqual([])
  })

  it('runs reusable workflows through the GitHub-workflow executor, with their inputs and repository', () => {
    const { pipeline, notes } = imported('04-reusable-calls.yml')
    const byId = Object.fromEntries(pipeline.nodes.map((n) => [n.id, n]))
    expect(byId.build!.config).toEqual({ executor: { type: 'github_workflow', workflow: '.github/workflows/build.yml', inputs: { target: 'release', 'push-image': 'true' } } })
    expect(byId.security).toMatchObject({ kind: 'security_scan', config: { executor: { repository: 'acme/platform-workflows', workflow: '.github/workflows/trivy.yml', ref: 'v3' } } })
    expect(notes).toContainEqual({ line: 14, message: 'jobs.security.secrets is not carried over' })
    expect(pipeline.nodes[0]).toMatchObject({ kind: 'source', config: { repository: 'acme/payments-api', branch: 'release' } })
  })

  it('fills a reusable workflow\'s inputs in for each matrix combination', () => {
    const builds = imported('31-reusable-local-matrix.yml').pipeline.nodes.filter((n) => n.id.startsWith('build-'))
    expect(builds.map((n) => (n.config.executor as { inputs: Record<string, string> }).inputs.service)).toEqual(['billing', 'ledger', 'gateway'])
    expect(builds[0]!.config.executor).toMatchObject({ workflow: '.github/workflows/service-build.yml' })
  })

  it('carries if: failure() and always() as edge conditions and names any other expression with its line', () => {
    const conditions = imported('09-failure-handling.yml').pipeline.edges.map((e) => `${e.source}->${e.target}:${e.on}`)
    expect(conditions).toEqual(['source->build:success', 'build->notify-failure:failure', 'build->report:always'])
    const { notes } = imported('22-conditional-deploy.yml')
    expect(notes).toContainEqual({ line: 12, message: 'jobs.deploy-dev.if: "github.ref == \'refs/heads/develop\'" is not carried over; the job runs when what it needs succeeded' })
  })

  it('reads anchors, merge keys, flow style and quoted keys', () => {
    const anchored = imported('05-anchors.yml')
    expect(anchored.pipeline.nodes.find((n) => n.id === 'unit')!.config).toMatchObject({ executor: { timeout_minutes: 15 } })
    expect(anchored.notes.map((n) => n.message)).toContain('`x-defaults` is not carried over: the graph has no place for it')
    expect(imported('06-flow-style.yml').pipeline.edges.map((e) => `${e.source}->${e.target}`)).toEqual(['source->build', 'build->test'])
    expect(imported('17-quoted-on.yml').pipeline.edges.map((e) => `${e.source}->${e.target}`)).toEqual(['source->build', 'build->test'])
  })

  it('keeps a computed or oversized matrix as one node and says why', () => {
    const computed = imported('07-monorepo-matrix.yml')
    expect(computed.pipeline.nodes.filter((n) => n.id.startsWith('build'))).toHaveLength(1)
    expect(computed.notes.some((n) => n.message.startsWith('jobs.build.strategy.matrix: package:'))).toBe(true)
    const big = imported('27-big-matrix.yml')
    expect(big.notes.map((n) => n.message)).toContain('jobs.test.strategy.matrix: 36 combinations, more than 32; the job stays one node')
  })

  it('names a need that is not a job, and refuses what is not a workflow', () => {
    expect(imported('30-unknown-need.yml').notes).toContainEqual({ line: 11, message: 'jobs.test.needs: "compile" is not a job of this workflow' })
    expect(importWorkflow('name: x\non: push\n', options)).toEqual({ ok: false, errors: [{ line: 1, message: 'The workflow has no jobs' }] })
    expect(importWorkflow('jobs: [\n', options)).toMatchObject({ ok: false, errors: [{ line: expect.any(Number) }] })
    expect(importWorkflow('jobs: { a: { runs-on: x } }\n', { ...options, repository: 'nope' })).toEqual({ ok: false, errors: [{ line: 1, message: 'Name the repository as owner/name' }] })
  })
})

describe('toWorkflow', () => {
  it('exports a skeleton the importer reads back into the same jobs, needs and environments', async () => {
    const { toWorkflow } = await import('./actions-export.ts')
    for (const file of ['03-deploy-environments.yml', '28-fan-out-fan-in.yml', '09-failure-handling.yml']) {
      const first = imported(file).pipeline
      const again = importWorkflow(toWorkflow(first), { ...options, environments: [] })
      if (!again.ok) throw new Error(JSON.stringify(again.errors))
      const shape = (p: typeof first) => ({
        ids: p.nodes.filter((n) => n.kind !== 'approval').map((n) => n.id).sort(),
        deploys: p.nodes.filter((n) => n.kind === 'deploy').map((n) => `${n.id}:${n.config.environment}`).sort(),
      })
      expect(shape(again.pipeline), file).toEqual(shape(first))
    }
  })
})
