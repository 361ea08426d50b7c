import { describe, expect, it } from 'vitest'
import { CI_LANE, LAYOUT, layoutLanes } from './layout.ts'
import { graph } from './fixtures.ts'

const promotion = ['dev', 'staging', 'prod']

const pipeline = graph(
  [['src', 'source'], ['build', 'build'], ['unit', 'test'], ['scan', 'security_scan'],
    ['stg', 'deploy', { environment: 'staging' }], ['smoke', 'test'], ['gate', 'approval'],
    ['prod', 'deploy', { environment: 'prod' }]],
  [['src', 'build'], ['build', 'unit'], ['build', 'scan'], ['unit', 'stg'], ['scan', 'stg'], ['stg', 'smoke'],
    ['smoke', 'gate'], ['gate', 'prod']],
)

describe('layoutLanes', () => {
  const layout = layoutLanes(pipeline, promotion)

  it('has the CI lane first, then one lane per environment in promotion order, top to bottom', () => {
    expect(layout.lanes.map((l) => [l.key, l.label])).toEqual([[CI_LANE, 'CI'], ['dev', 'dev'], ['staging', 'staging'], ['prod', 'prod']])
    for (let i = 1; i < layout.lanes.length; i++) {
      const above = layout.lanes[i - 1]
      expect(layout.lanes[i].y).toBe(above.y + above.height + LAYOUT.laneGap)
    }
  })

  it('puts work in CI, deploys in their environment, and followers of a deploy in its lane', () => {
    expect(layout.laneOf).toEqual({
      src: 'ci', build: 'ci', unit: 'ci', scan: 'ci', stg: 'staging', smoke: 'staging', gate: 'prod', prod: 'prod',
    })
  })

  it('places every node inside its lane, in columns by longest path from the source', () => {
    const x = (id: string) => layout.positions[id].x / LAYOUT.columnWidth
    expect([x('src'), x('build'), x('unit'), x('scan'), x('stg'), x('smoke'), x('gate'), x('prod')]).toEqual([0, 1, 2, 2, 3, 4, 5, 6])
    for (const [id, pos] of Object.entries(layout.positions)) {
      const lane = layout.lanes.find((l) => l.key === layout.laneOf[id])!
      expect(pos.y).toBeGreaterThanOrEqual(lane.y)
      expect(pos.y).toBeLessThan(lane.y + lane.height)
    }
  })

  it('stacks nodes sharing a column in a lane, and makes the lane tall enough for them', () => {
    expect(layout.positions.scan.y - layout.positions.unit.y).toBe(LAYOUT.rowHeight)
    expect(layout.lanes[0].height).toBe(2 * LAYOUT.rowHeight + 2 * LAYOUT.lanePadding)
    expect(layout.lanes[1].height).toBe(LAYOUT.rowHeight + 2 * LAYOUT.lanePadding)
  })

  it('adds lanes for environments missing from the promotion order', () => {
    const g = graph([['src', 'source'], ['b', 'build'], ['d', 'deploy', { environment: 'qa' }]], [['src', 'b'], ['b', 'd']])
    expect(layoutLanes(g, ['prod']).lanes.map((l) => l.key)).toEqual(['ci', 'prod', 'qa'])
  })

  it('still places every node of a graph with a cycle', () => {
    const g = graph([['src', 'source'], ['a', 'build'], ['b', 'test']], [['src', 'a'], ['a', 'b'], ['b', 'a']])
    expect(Object.keys(layoutLanes(g, []).positions).sort()).toEqual(['a', 'b', 'src'])
  })
})
