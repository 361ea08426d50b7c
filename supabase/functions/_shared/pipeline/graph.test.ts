import { describe, expect, it } from 'vitest'
import { isRunnable, validateGraph, type EnvironmentRule } from './graph.ts'
import { graph, simulated, type EdgeSpec, type NodeSpec } from './fixtures.ts'

const envs: EnvironmentRule[] = [
  { key: 'dev', required_approvals: 0 },
  { key: 'staging', required_approvals: 0 },
  { key: 'prod', required_approvals: 2 },
]

const fullNodes: NodeSpec[] = [
  ['src', 'source'], ['build', 'build'], ['test', 'test'], ['scan', 'security_scan'], ['cp', 'checkpoint'],
  ['stg', 'deploy', { environment: 'staging', strategy: 'rolling' }],
  ['gate', 'approval', { environment: 'prod' }],
  ['prod', 'deploy', { environment: 'prod', strategy: 'canary' }],
]
const fullEdges: EdgeSpec[] = [
  ['src', 'build'], ['build', 'test'], ['test', 'scan'], ['scan', 'cp'], ['cp', 'stg'], ['stg', 'gate'], ['gate', 'prod'],
]

const codes = (nodes: NodeSpec[], edges: EdgeSpec[], withEnvs = true) =>
  validateGraph(graph(nodes, edges), withEnvs ? { environments: envs } : {}).map((i) => i.code)

describe('validateGraph', () => {
  it('accepts a complete pipeline with no issues', () => {
    const issues = validateGraph(graph(fullNodes, fullEdges), { environments: envs })
    expect(issues).toEqual([])
    expect(isRunnable(issues)).toBe(true)
  })

  it('requires a source and a deploy', () => {
    const issues = validateGraph(graph([['b', 'build']], []))
    expect(issues.filter((i) => i.severity === 'error').map((i) => i.code)).toEqual(['missing_source', 'missing_deploy'])
    expect(isRunnable(issues)).toBe(false)
  })

  it('finds a cycle and names its nodes', () => {
    const nodes: NodeSpec[] = [['src', 'source'], ['b', 'build'], ['t', 'test'], ['d', 'deploy']]
    const issues = validateGraph(graph(nodes, [['src', 'b'], ['b', 't'], ['t', 'b'], ['t', 'd']]))
    const cycle = issues.find((i) => i.code === 'cycle')
    expect(cycle?.severity).toBe('error')
    expect(cycle?.nodeIds.sort()).toEqual(['b', 't'])
  })

  it('treats a self loop as a cycle', () => {
    expect(codes([['src', 'source'], ['b', 'build'], ['d', 'deploy']], [['src', 'b'], ['b', 'b'], ['b', 'd']], false))
      .toContain('cycle')
  })

  it('flags nodes connected to nothing as orphans', () => {
    const issues = validateGraph(graph([...fullNodes, ['lonely', 'notify']], fullEdges), { environments: envs })
    expect(issues[0]).toMatchObject({ severity: 'error', code: 'orphan_node', nodeIds: ['lonely'] })
  })

  it('flags connected nodes no source reaches as unreachable', () => {
    const nodes: NodeSpec[] = [...fullNodes, ['w', 'wait'], ['n', 'notify']]
    const issues = validateGraph(graph(nodes, [...fullEdges, ['w', 'n']]), { environments: envs })
    expect(issues.filter((i) => i.code === 'unreachable_node').map((i) => i.nodeIds[0]).sort()).toEqual(['n', 'w'])
  })

  it('refuses edges into a source', () => {
    expect(codes(fullNodes, [...fullEdges, ['build', 'src']])).toContain('source_has_input')
  })

  it('refuses kinds that may not follow each other', () => {
    const issues = validateGraph(graph([['src', 'source'], ['d', 'deploy']], [['src', 'd']]))
    expect(issues.find((i) => i.code === 'invalid_successor')).toMatchObject({
      severity: 'error', nodeIds: ['src', 'd'], message: expect.stringContaining('deploy cannot follow a source'),
    })
    const afterGate = graph([['src', 'source'], ['b', 'build'], ['g', 'approval'], ['t', 'test'], ['d', 'deploy']],
      [['src', 'b'], ['b', 'g'], ['g', 't'], ['t', 'd']])
    expect(validateGraph(afterGate).map((i) => i.code)).toContain('invalid_successor')
  })

  it('refuses edges to missing nodes and duplicate edges', () => {
    const g = graph(fullNodes, [...fullEdges, ['build', 'ghost'], ['src', 'build']])
    const found = validateGraph(g, { environments: envs })
    expect(found.find((i) => i.code === 'dangling_edge')?.nodeIds).toEqual(['build'])
    expect(found.find((i) => i.code === 'duplicate_edge')?.nodeIds).toEqual(['src', 'build'])
  })

  it('refuses duplicate ids, unknown kinds and invalid configs', () => {
    const nodes: NodeSpec[] = [
      ...fullNodes, ['build', 'build'], ['x', 'teleport'],
      ['bad', 'deploy', { environment: 'Prod!', strategy: 'yolo' }],
    ]
    const issues = validateGraph(graph(nodes, fullEdges))
    expect(issues.map((i) => i.code)).toEqual(expect.arrayContaining(['duplicate_node_id', 'unknown_kind', 'invalid_config']))
    const invalid = issues.find((i) => i.code === 'invalid_config')!
    expect(invalid.nodeIds).toEqual(['bad'])
    expect(invalid.message).toMatch(/environment/)
    expect(invalid.message).toMatch(/strategy/)
  })

  it('checks a simulated executor config', () => {
    const nodes: NodeSpec[] = fullNodes.map(([id, kind, c]) =>
      id === 'test' ? [id, kind, { executor: { type: 'simulated', duration_ms: -5, outcome: 'maybe' } }] : [id, kind, c])
    const issues = validateGraph(graph(nodes, fullEdges), { environments: envs })
    expect(issues.map((i) => i.code)).toEqual(['invalid_config'])
    expect(issues[0].nodeIds).toEqual(['test'])
  })

  it('refuses deploys and rollbacks to environments that do not exist', () => {
    const nodes: NodeSpec[] = [...fullNodes, ['rb', 'rollback', { environment: 'qa' }]]
    const issues = validateGraph(graph(nodes, [...fullEdges, ['prod', 'rb', 'failure']]), { environments: envs })
    expect(issues.map((i) => [i.code, i.nodeIds])).toEqual([['unknown_environment', ['rb']]])
  })

  describe('protected environments', () => {
    it('needs an approval gate before a deploy to one', () => {
      const nodes = fullNodes.filter(([id]) => id !== 'gate')
      const edges = [...fullEdges.filter(([s, t]) => s !== 'gate' && t !== 'gate'), ['stg', 'prod'] as EdgeSpec]
      const issues = validateGraph(graph(nodes, edges), { environments: envs })
      expect(issues.map((i) => [i.code, i.nodeIds])).toEqual([['unapproved_protected_deploy', ['prod']]])
    })

    it('needs the gate on every path, not just one', () => {
      const nodes: NodeSpec[] = [...fullNodes, ['hotfix', 'build']]
      const edges: EdgeSpec[] = [...fullEdges, ['src', 'hotfix'], ['hotfix', 'prod']]
      expect(codes(nodes, edges)).toEqual(['unapproved_protected_deploy'])
    })

    it('counts a gate only for its own environment (or any, when it names none)', () => {
      const forStaging = fullNodes.map(([id, k, c]): NodeSpec => id === 'gate' ? [id, k, { environment: 'staging' }] : [id, k, c])
      expect(codes(forStaging, fullEdges)).toEqual(['unapproved_protected_deploy'])
      const anyEnv = fullNodes.map(([id, k, c]): NodeSpec => id === 'gate' ? [id, k, {}] : [id, k, c])
      expect(codes(anyEnv, fullEdges)).toEqual([])
    })

    it('does not ask for a gate where no approvals are required', () => {
      const open = envs.map((e) => ({ ...e, required_approvals: 0 }))
      const nodes = fullNodes.filter(([id]) => id !== 'gate')
      const edges = [...fullEdges.filter(([s, t]) => s !== 'gate' && t !== 'gate'), ['stg', 'prod'] as EdgeSpec]
      expect(validateGraph(graph(nodes, edges), { environments: open })).toEqual([])
    })
  })

  describe('warnings', () => {
    it('warns about a pipeline without tests, security scan or checkpoint, after the errors', () => {
      const nodes: NodeSpec[] = [['src', 'source'], ['b', 'build', simulated(10)], ['d', 'deploy', { environment: 'dev' }]]
      const issues = validateGraph(graph(nodes, [['src', 'b'], ['b', 'd']]), { environments: envs })
      expect(issues.map((i) => [i.severity, i.code])).toEqual([
        ['warning', 'no_test'], ['warning', 'no_security_scan'], ['warning', 'no_checkpoint'],
      ])
      expect(isRunnable(issues)).toBe(true)
    })

    it('lists errors before warnings', () => {
      const issues = validateGraph(graph([['src', 'source']], []))
      const firstWarning = issues.findIndex((i) => i.severity === 'warning')
      expect(issues.slice(firstWarning).every((i) => i.severity === 'warning')).toBe(true)
      expect(issues.slice(0, firstWarning).map((i) => i.code)).toEqual(['missing_deploy'])
    })
  })
})
