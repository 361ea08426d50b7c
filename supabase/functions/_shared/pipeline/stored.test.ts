import { describe, expect, it } from 'vitest'
import { fromStored, toPipeline, toStored, type DraftPipeline } from './stored.ts'

const stored = {
  nodes: [
    { id: 'src', type: 'source', position: { x: 0, y: 0 }, data: { label: 'Repo', config: { repository: 'acme/shop' } } },
    { id: 'b', type: 'build', position: { x: 240, y: 0 }, data: { config: { executor: { type: 'simulated', duration_ms: 50 } } } },
    { id: 'd', type: 'deploy', position: { x: 480, y: 0 }, data: { config: { environment: 'prod' } } },
  ],
  edges: [
    { id: 'src->b', source: 'src', target: 'b', data: { on: 'success' } },
    { id: 'b->d', source: 'b', target: 'd', data: { on: 'success' } },
  ],
}

describe('stored pipelines', () => {
  it('reads the React Flow shaped JSON into a draft', () => {
    const result = fromStored(stored)
    expect(result.ok && result.value.nodes[0]).toEqual({
      id: 'src', kind: 'source', label: 'Repo', config: { repository: 'acme/shop' }, position: { x: 0, y: 0 },
    })
    expect(result.ok && result.value.edges).toEqual([{ source: 'src', target: 'b', on: 'success' }, { source: 'b', target: 'd', on: 'success' }])
  })

  it('round-trips: what is saved reads back the same and saves to the same JSON', () => {
    const first = fromStored(stored)
    if (!first.ok) throw new Error(first.errors.join())
    expect(toStored(first.value)).toEqual(stored)
    const again = fromStored(JSON.parse(JSON.stringify(toStored(first.value))))
    expect(again).toEqual(first)
  })

  it('fills in missing positions, data and edge conditions', () => {
    const result = fromStored({ nodes: [{ id: 'a', type: 'checkpoint' }], edges: [{ source: 'a', target: 'a' }] })
    expect(result).toEqual({
      ok: true,
      value: { nodes: [{ id: 'a', kind: 'checkpoint', config: {}, position: { x: 0, y: 0 } }], edges: [{ source: 'a', target: 'a', on: 'success' }] },
    })
  })

  it('reports a broken structure with the path that is wrong', () => {
    const result = fromStored({ nodes: [{ id: 'x', type: 'teleport' }], edges: [{ source: 'x' }] })
    expect(result.ok).toBe(false)
    expect(!result.ok && result.errors.join('\n')).toMatch(/nodes\.0\.type/)
    expect(!result.ok && result.errors.join('\n')).toMatch(/edges\.0\.target/)
    expect(fromStored('nonsense').ok).toBe(false)
  })

  it('loads a draft with an incomplete config, but will not run it', () => {
    const draft = fromStored({ nodes: [{ id: 'd', type: 'deploy', data: { config: {} } }] })
    expect(draft.ok).toBe(true)
    const runnable = toPipeline((draft as { value: DraftPipeline }).value)
    expect(runnable.ok).toBe(false)
    expect(!runnable.ok && runnable.errors[0]).toMatch(/^node d: config\.environment/)
  })

  it('turns a complete draft into a pipeline with config defaults filled in', () => {
    const draft = fromStored(stored)
    if (!draft.ok) throw new Error('draft')
    const result = toPipeline(draft.value)
    if (!result.ok) throw new Error(result.errors.join())
    const [src, build, deploy] = result.value.nodes
    expect(src.config).toEqual({ repository: 'acme/shop', branch: 'main' })
    expect(build.config).toEqual({ executor: { type: 'simulated', duration_ms: 50, outcome: 'success', log_lines: [] } })
    expect(deploy.config).toEqual({ environment: 'prod', strategy: 'rolling', duration_ms: 0 })
  })
})
