import { describe, expect, it } from 'vitest'
import { buildRunGraph, isSimulatedNode, LANE_HEADER, type NodeRow } from './execution-graph.ts'

const sim = (duration_ms = 1000) => ({ executor: { type: 'simulated', duration_ms, outcome: 'success', log_lines: [] } })
const graph = {
  nodes: [
    { id: 'src', type: 'source', position: { x: 0, y: 0 }, data: { label: 'Checkout', config: { repository: 'acme/api' } } },
    { id: 'build', type: 'build', position: { x: 0, y: 0 }, data: { label: 'Build', config: sim() } },
    { id: 'stg', type: 'deploy', position: { x: 0, y: 0 }, data: { label: 'Deploy staging', config: { environment: 'staging' } } },
    { id: 'gate', type: 'approval', position: { x: 0, y: 0 }, data: { label: 'Approve prod', config: {} } },
    { id: 'prod', type: 'deploy', position: { x: 0, y: 0 }, data: { label: 'Deploy prod', config: { environment: 'prod' } } },
    { id: 'rb', type: 'rollback', position: { x: 0, y: 0 }, data: { label: 'Roll back', config: { environment: 'prod' } } },
  ],
  edges: [
    { source: 'src', target: 'build' }, { source: 'build', target: 'stg' }, { source: 'stg', target: 'gate' },
    { source: 'gate', target: 'prod' }, { source: 'prod', target: 'rb', data: { on: 'failure' } },
  ],
}
const environments = [
  { key: 'dev', display_name: 'Development' }, { key: 'staging', display_name: 'Staging' },
  { key: 'preprod', display_name: 'Pre-production' }, { key: 'prod', display_name: 'Production' },
]
const row = (node_id: string, patch: Partial<NodeRow> = {}): NodeRow => ({
  node_id, name: node_id, kind: 'build', config: {}, status: 'pending', attempt: 1,
  started_at: null, finished_at: null, duration_ms: null, output: null, ...patch,
})

describe('buildRunGraph', () => {
  const rows = [
    row('src', { kind: 'source', name: 'Checkout', status: 'success' }),
    row('build', { name: 'Build', config: sim(), status: 'success', duration_ms: 1000, started_at: '2026-11-28T10:00:00Z', finished_at: '2026-11-28T10:00:01Z' }),
    row('stg', { kind: 'deploy', config: { environment: 'staging' }, status: 'running' }),
    row('gate', { kind: 'approval', status: 'pending' }),
    row('prod', { kind: 'deploy', config: { environment: 'prod' }, status: 'failed', output: { reason: 'deploy_refused', detail: 'environment prod is locked' } }),
  ]
  const result = buildRunGraph(graph, rows, environments)
  const byId = Object.fromEntries(result.nodes.map((n) => [n.id, n]))

  it('shows each node with its live status from its row, and a graph node without a row as pending', () => {
    expect(result.nodes.map((n) => [n.id, n.data.status])).toEqual([
      ['src', 'success'], ['build', 'success'], ['stg', 'running'], ['gate', 'pending'], ['prod', 'failed'], ['rb', 'pending'],
    ])
    expect(byId.build.data).toMatchObject({ label: 'Build', kind: 'build', durationMs: 1000, simulated: true })
    expect(byId.src.data.simulated).toBe(false)
    expect(byId.prod.data.detail).toBe('environment prod is locked')
    const coded = buildRunGraph(graph, [row('build', { status: 'failed', output: { reason: 'simulated_finished', detail: null } })], environments)
    expect(coded.nodes.find((n) => n.id === 'build')!.data.detail).toBeNull()
  })

  it('has a CI lane, then only the environments the run touches, in promotion order, named for people', () => {
    expect(result.lanes.map((l) => l.data.label)).toEqual(['CI', 'Staging', 'Production'])
    const top = (id: string) => result.lanes.find((l) => l.id === `lane:${id}`)!.position.y
    expect(top('ci')).toBeLessThan(top('staging'))
    expect(top('staging')).toBeLessThan(top('prod'))
  })

  it('places nodes inside their lane, after the lane header, left to right along the edges', () => {
    const laneOf = (id: string) => {
      const y = byId[id].position.y
      return result.lanes.find((l) => y >= l.position.y && y < l.position.y + l.data.height)!.data.label
    }
    expect(['src', 'build', 'stg', 'gate', 'prod', 'rb'].map(laneOf)).toEqual(['CI', 'CI', 'Staging', 'Production', 'Production', 'Production'])
    expect(byId.src.position.x).toBe(LANE_HEADER)
    for (const e of result.edges) expect(byId[e.source].position.x).toBeLessThan(byId[e.target].position.x)
    for (const lane of result.lanes) expect(lane.data.width).toBeGreaterThan(byId.rb.position.x)
  })

  it('keeps edge conditions, labels the unusual ones and animates edges into live nodes', () => {
    const edge = (id: string) => result.edges.find((e) => e.id === id)!
    expect(edge('prod->rb')).toMatchObject({ data: { on: 'failure' }, label: 'on failure' })
    expect(edge('build->stg').animated).toBe(true)
    expect(edge('src->build').animated).toBe(false)
    expect(edge('src->build').label).toBeUndefined()
  })

  it('still shows rows of a run whose graph is missing, with no edges', () => {
    const bare = buildRunGraph({ nodes: [], edges: [] }, [row('a', { status: 'running' }), row('b')], environments)
    expect(bare.nodes.map((n) => [n.id, n.data.status])).toEqual([['a', 'running'], ['b', 'pending']])
    expect(bare.edges).toEqual([])
    expect(bare.lanes.map((l) => l.data.label)).toEqual(['CI'])
    const broken = buildRunGraph('not a graph', [row('a')], environments)
    expect(broken.nodes).toHaveLength(1)
    expect(broken.errors.length).toBeGreaterThan(0)
  })

  it('marks nodes a rerun carried over', () => {
    const rerun = buildRunGraph(graph, [row('src', { status: 'success', output: { reused: true, reused_from: 'x' } })], environments)
    expect(rerun.nodes.find((n) => n.id === 'src')!.data.reused).toBe(true)
    expect(rerun.nodes.find((n) => n.id === 'build')!.data.reused).toBe(false)
  })

  it('recognises the simulated executor and legacy simulated rows', () => {
    expect(isSimulatedNode('test', sim())).toBe(true)
    expect(isSimulatedNode('simulated', {})).toBe(true)
    expect(isSimulatedNode('test', { executor: { type: 'github_workflow' } })).toBe(false)
    expect(isSimulatedNode('deploy', null)).toBe(false)
  })
})

describe('buildRunGraph with parallel branches', () => {
  // src → 6 branches of build → test → deploy dev (the join).
  const branches = Array.from({ length: 6 }, (_, b) => b)
  const fanGraph = {
    nodes: [
      { id: 'src', type: 'source', position: { x: 0, y: 0 }, data: { label: 'Checkout', config: {} } },
      ...branches.flatMap((b) => ['build', 'test'].map((kind) => ({ id: `${kind}${b}`, type: kind, position: { x: 0, y: 0 }, data: { label: `${kind} ${b}`, config: sim() } }))),
      { id: 'dev', type: 'deploy', position: { x: 0, y: 0 }, data: { label: 'Deploy dev', config: { environment: 'dev' } } },
    ],
    edges: branches.flatMap((b) => [{ source: 'src', target: `build${b}` }, { source: `build${b}`, target: `test${b}` }, { source: `test${b}`, target: 'dev' }]),
  }
  const statuses: NodeRow['status'][] = ['success', 'success', 'running', 'failed', 'pending', 'skipped']
  const rows = [row('src', { status: 'success' }), ...branches.flatMap((b) => [row(`build${b}`, { status: statuses[b] }), row(`test${b}`)])]

  it('draws every node while the group is open', () => {
    const open = buildRunGraph(fanGraph, rows, environments)
    expect(open.nodes).toHaveLength(14)
    expect(open.groups).toEqual([])
  })

  it('folds the branches into one node that counts their steps by status, between the fork and the join', () => {
    const folded = buildRunGraph(fanGraph, rows, environments, new Set(['group:src']))
    expect(folded.nodes.map((n) => n.id)).toEqual(['src', 'dev'])
    expect(folded.groups[0]!.data).toEqual({
      groupId: 'group:src', branches: 6, steps: 12, status: 'failed', passed: 2, failed: 1, running: 1, pending: 7, stopped: 1,
    })
    expect(folded.edges.map((e) => e.id)).toEqual(['src->group:src', 'group:src->dev'])
    const [src, group, dev] = [folded.nodes[0]!, folded.groups[0]!, folded.nodes[1]!]
    expect(src.position.x).toBeLessThan(group.position.x)
    expect(group.position.x).toBeLessThan(dev.position.x)
  })

  it('says the group runs while some of its steps run or wait, and passed once all passed', () => {
    const running = rows.map((r) => (r.node_id === 'build3' ? { ...r, status: 'success' as const } : r))
    expect(buildRunGraph(fanGraph, running, environments, new Set(['group:src'])).groups[0]!.data.status).toBe('running')
    const passed = rows.map((r) => (r.node_id === 'src' ? r : { ...r, status: 'success' as const }))
    expect(buildRunGraph(fanGraph, passed, environments, new Set(['group:src'])).groups[0]!.data.status).toBe('success')
  })
})
