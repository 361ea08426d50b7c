import { describe, expect, it } from 'vitest'
import { toGraphInput } from './graph-convert.ts'
import { createNode, defaultConfig, nextIdentity, placeNode, starterGraph } from './node-factory.ts'
import { configSchemas, FLOW_TYPES, flowPalette, NODE_KINDS, validateGraph } from './shared.ts'

const ENVS = ['dev', 'uat', 'staging', 'preprod', 'prod']

describe('node factory', () => {
  it('gives every kind except the source a config its schema accepts', () => {
    for (const kind of NODE_KINDS) {
      const ok = configSchemas[kind].safeParse(defaultConfig(kind, ENVS)).success
      // The source has no repository until the user names one, and the rules say so.
      expect(ok, kind).toBe(kind !== 'source')
    }
  })

  it('labels work stages as simulated with log lines', () => {
    expect(defaultConfig('build')).toMatchObject({ executor: { type: 'simulated', outcome: 'success' } })
    expect((defaultConfig('test') as { executor: { log_lines: string[] } }).executor.log_lines.length).toBeGreaterThan(0)
  })

  it('deploys to the first environment of the chain, or leaves it for the user', () => {
    expect(defaultConfig('deploy', ENVS)).toMatchObject({ environment: 'dev', strategy: 'rolling' })
    expect(defaultConfig('deploy', [])).not.toHaveProperty('environment')
  })

  it('numbers repeated kinds in ids and labels', () => {
    expect(nextIdentity('build', [])).toEqual({ id: 'build-1', label: 'Build' })
    expect(nextIdentity('build', ['build-1', 'build-3'])).toEqual({ id: 'build-2', label: 'Build 2' })
    expect(nextIdentity('security_scan', ['build-1'])).toEqual({ id: 'security_scan-1', label: 'Security scan' })
  })

  it('places a node right of its anchor and below whatever already sits there', () => {
    const { node: a } = createNode('source', [], { position: { x: 0, y: 0 } })
    const first = placeNode([a], a)
    expect(first.x).toBeGreaterThan(0)
    const { node: b } = createNode('build', [a], { position: first })
    const second = placeNode([a, b], a)
    expect(second.x).toBe(first.x)
    expect(second.y).toBeGreaterThan(first.y)
  })

  it('connects a new node from the anchor only when the rules allow that order', () => {
    const { node: source } = createNode('source', [])
    expect(createNode('build', [source], { anchor: source }).edge).toMatchObject({ source: source.id, target: 'build-1', data: { on: 'success' } })
    // Nothing ships straight from the source.
    expect(createNode('deploy', [source], { anchor: source }).edge).toBeNull()
    expect(createNode('build', [source]).edge).toBeNull()
  })

  it('starts a new pipeline from source → build → test → deploy dev, which only lacks a repository', () => {
    const { nodes, edges } = starterGraph(ENVS)
    expect(nodes.map((n) => n.data.kind)).toEqual(['source', 'build', 'test', 'deploy'])
    expect(edges.map((e) => `${e.source}>${e.target}`)).toEqual(['source-1>build-1', 'build-1>test-1', 'test-1>deploy-1'])
    const errors = validateGraph(toGraphInput(nodes, edges), { environments: ENVS.map((key, i) => ({ key, required_approvals: i })) })
      .filter((i) => i.severity === 'error')
    expect(errors.map((e) => e.code)).toEqual(['invalid_config'])
    expect(errors[0]!.nodeIds).toEqual(['source-1'])
  })

  it('starts a pipeline of each flow type from that type\'s own stages, connected, lacking only a repository', () => {
    for (const type of FLOW_TYPES) {
      const { nodes, edges } = starterGraph(ENVS, type)
      const kinds = nodes.map((n) => n.data.kind)
      expect(kinds[0], type).toBe('source')
      expect(kinds.at(-1), type).toBe('deploy')
      for (const kind of kinds.slice(1, -1)) expect(flowPalette(type), `${type}: ${kind}`).toContain(kind)
      expect(edges.length, type).toBe(nodes.length - 1)
      const errors = validateGraph(toGraphInput(nodes, edges), { environments: ENVS.map((key, i) => ({ key, required_approvals: i })) })
        .filter((i) => i.severity === 'error')
      expect([type, errors.map((e) => `${e.code}:${e.nodeIds.join()}`)]).toEqual([type, ['invalid_config:source-1']])
    }
    expect(starterGraph(ENVS, 'mlops').nodes.map((n) => n.data.kind)).toEqual(['source', 'data_validation', 'train', 'evaluate', 'register_model', 'deploy_model', 'deploy'])
  })
})
