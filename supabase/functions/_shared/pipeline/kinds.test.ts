import { describe, expect, it } from 'vitest'
import { configSchemas, NODE_KINDS, nodeEnvironment, pipelineNodeSchema } from './kinds.ts'
import { ALLOWED_SUCCESSORS, mayFollow } from './follow-rules.ts'
import { defaultConfig } from './fixtures.ts'

describe('node kinds', () => {
  it('has one config schema per kind, each accepting a minimal config', () => {
    expect(Object.keys(configSchemas).sort()).toEqual([...NODE_KINDS].sort())
    for (const kind of NODE_KINDS) expect(configSchemas[kind].safeParse(defaultConfig(kind)).success, kind).toBe(true)
  })

  it('fills in simulated executor defaults', () => {
    expect(configSchemas.build.parse({ executor: { type: 'simulated' } })).toEqual({
      executor: { type: 'simulated', duration_ms: 1000, outcome: 'success', log_lines: [] },
    })
  })

  it('knows the simulated and github_workflow executors only', () => {
    expect(configSchemas.test.safeParse({ executor: { type: 'github_workflow', workflow: 'ci.yml' } }).success).toBe(true)
    expect(configSchemas.test.safeParse({ executor: { type: 'jenkins', job: 'x' } }).success).toBe(false)
    expect(configSchemas.test.safeParse({}).success).toBe(false)
  })

  it('takes a deploy strategy of rolling, canary or blue-green only', () => {
    for (const strategy of ['rolling', 'canary', 'blue_green']) {
      expect(configSchemas.deploy.safeParse({ environment: 'prod', strategy }).success).toBe(true)
    }
    expect(configSchemas.deploy.safeParse({ environment: 'prod', strategy: 'big_bang' }).success).toBe(false)
    expect(configSchemas.deploy.parse({ environment: 'prod' }).strategy).toBe('rolling')
    expect(configSchemas.deploy.safeParse({ environment: 'Prod Env' }).success).toBe(false)
  })

  it('needs at least one approval on a gate', () => {
    expect(configSchemas.approval.parse({}).required_approvals).toBe(1)
    expect(configSchemas.approval.safeParse({ required_approvals: 0 }).success).toBe(false)
  })

  it('parses a node as a union on kind, checking the config of that kind', () => {
    expect(pipelineNodeSchema.safeParse({ id: 'w', kind: 'wait', config: { duration_ms: 5 } }).success).toBe(true)
    expect(pipelineNodeSchema.safeParse({ id: 'w', kind: 'wait', config: { environment: 'prod' } }).success).toBe(false)
    expect(pipelineNodeSchema.safeParse({ id: 'w', kind: 'teleport', config: {} }).success).toBe(false)
  })

  it('reads the environment of deploys, rollbacks and gates only', () => {
    expect(nodeEnvironment({ kind: 'deploy', config: { environment: 'prod' } })).toBe('prod')
    expect(nodeEnvironment({ kind: 'approval', config: {} })).toBeUndefined()
    expect(nodeEnvironment({ kind: 'build', config: { environment: 'prod' } })).toBeUndefined()
  })
})

describe('follow rules', () => {
  it('lets nothing precede a source', () => {
    for (const kind of NODE_KINDS) expect(mayFollow(kind, 'source')).toBe(false)
  })

  it('lets a gate lead only to shipping or bookkeeping', () => {
    expect(mayFollow('approval', 'deploy')).toBe(true)
    expect(mayFollow('approval', 'rollback')).toBe(true)
    expect(mayFollow('approval', 'build')).toBe(false)
  })

  it('does not ship straight from the source', () => {
    expect(mayFollow('source', 'deploy')).toBe(false)
    expect(mayFollow('source', 'approval')).toBe(false)
  })

  it('lets deploys chain, with smoke tests and promotion gates between', () => {
    expect(mayFollow('deploy', 'deploy')).toBe(true)
    expect(mayFollow('deploy', 'test')).toBe(true)
    expect(mayFollow('deploy', 'approval')).toBe(true)
    expect(mayFollow('deploy', 'build')).toBe(false)
  })

  it('ends a path at a rollback except for bookkeeping', () => {
    expect(ALLOWED_SUCCESSORS.rollback).toEqual(['checkpoint', 'notify', 'wait'])
  })
})
