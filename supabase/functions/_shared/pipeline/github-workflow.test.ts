import { describe, expect, it } from 'vitest'
import { configSchemas, githubWorkflowExecutorSchema } from './kinds.ts'
import { tick } from './engine.ts'
import { execution, moves, step, T0 } from './fixtures.ts'
import { validateGraph } from './graph.ts'

const gh = (executor: Record<string, unknown> = {}) => ({ executor: { type: 'github_workflow', workflow: 'build.yml', ...executor } })

describe('github_workflow executor config', () => {
  it('fills in defaults: no inputs, a 60 minute timeout; repository, workflow and ref come from the integration and run', () => {
    expect(configSchemas.build.parse({ executor: { type: 'github_workflow' } })).toEqual({
      executor: { type: 'github_workflow', inputs: {}, timeout_minutes: 60 },
    })
  })

  it('takes a file name, a .github/workflows path or a numeric id as the workflow', () => {
    for (const workflow of ['build.yml', 'deploy.yaml', '.github/workflows/build.yml', '1234567']) {
      expect(githubWorkflowExecutorSchema.safeParse({ type: 'github_workflow', workflow }).success, workflow).toBe(true)
    }
    for (const workflow of ['', 'build', 'my workflow.yml']) {
      expect(githubWorkflowExecutorSchema.safeParse({ type: 'github_workflow', workflow }).success, workflow).toBe(false)
    }
  })

  it('accepts string inputs only, and not the ones Opzenix sets itself', () => {
    expect(configSchemas.test.safeParse(gh({ inputs: { suite: 'smoke', 'dry-run': 'true' } })).success).toBe(true)
    const numeric = configSchemas.test.safeParse(gh({ inputs: { retries: 3 } }))
    expect(numeric.success).toBe(false)
    const reserved = configSchemas.test.safeParse(gh({ inputs: { TRACEPARENT: '00-x' } }))
    expect(reserved.error?.issues[0]?.message).toMatch(/Opzenix sets this input/)
    expect(configSchemas.test.safeParse(gh({ inputs: { 'bad name': 'x' } })).success).toBe(false)
  })

  it('checks repository as owner/name and the timeout as whole minutes', () => {
    expect(configSchemas.build.safeParse(gh({ repository: 'acme/payments-api' })).success).toBe(true)
    expect(configSchemas.build.safeParse(gh({ repository: 'payments-api' })).success).toBe(false)
    expect(configSchemas.build.safeParse(gh({ timeout_minutes: 0 })).success).toBe(false)
    expect(configSchemas.build.safeParse(gh({ timeout_minutes: 1.5 })).success).toBe(false)
  })

  it('makes a pipeline with a workflow stage valid, and a broken one invalid', () => {
    const nodes = (config: unknown) => [
      { id: 'src', kind: 'source', config: { repository: 'acme/payments-api' } },
      { id: 'ci', kind: 'build', config },
      { id: 'ship', kind: 'deploy', config: { environment: 'staging' } },
    ]
    const edges = [{ source: 'src', target: 'ci', on: 'success' as const }, { source: 'ci', target: 'ship', on: 'success' as const }]
    const environments = [{ key: 'staging', required_approvals: 0 }]
    expect(validateGraph({ nodes: nodes(gh()), edges }, { environments }).filter((i) => i.severity === 'error')).toEqual([])
    expect(validateGraph({ nodes: nodes(gh({ timeout_minutes: -1 })), edges }, { environments }).some((i) => i.severity === 'error')).toBe(true)
  })
})

describe('github_workflow step in the engine', () => {
  const started = () => step(execution([['src', 'source'], ['ci', 'build', gh({ timeout_minutes: 5 })]], [['src', 'ci']]), { now: T0 }).state

  it('starts running and stays running until its workflow run reports, however long it takes within the timeout', () => {
    const s = started()
    expect(s.nodes.find((n) => n.id === 'ci')?.status).toBe('running')
    expect(tick(s, { now: T0 + 5 * 60_000 - 1 })).toEqual([])
  })

  it("finishes with the workflow run's outcome, writing its lines", () => {
    const t = tick(started(), { now: T0 + 1000, results: [{ nodeId: 'ci', outcome: 'success', reason: 'workflow_finished', lines: ['run 7: https://github.example/run/7'] }] })
    expect(moves(t)).toEqual(['ci:running→success', 'execution:running→success'])
    expect(t[0]).toMatchObject({ reason: 'workflow_finished', effects: [{ type: 'log', nodeId: 'ci', lines: ['run 7: https://github.example/run/7'], level: 'info' }] })
    const failed = tick(started(), { now: T0 + 1000, results: [{ nodeId: 'ci', outcome: 'failure', reason: 'dispatch_failed', detail: 'GitHub said 404' }] })
    expect(failed[0]).toMatchObject({ to: 'failed', reason: 'dispatch_failed', detail: 'GitHub said 404', effects: [] })
    expect(failed.at(-1)).toMatchObject({ scope: 'execution', to: 'failed' })
  })

  it('fails once timeout_minutes have passed since it started', () => {
    const t = tick(started(), { now: T0 + 5 * 60_000 })
    expect(moves(t)).toEqual(['ci:running→failed', 'execution:running→failed'])
    expect(t[0]).toMatchObject({ reason: 'timed_out', detail: expect.stringContaining('timed out waiting for workflow run') })
  })
})
