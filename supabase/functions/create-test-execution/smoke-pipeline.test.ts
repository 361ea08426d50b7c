import { describe, expect, it } from 'vitest'
import { validateGraph } from '../_shared/pipeline/graph.ts'
import { fromStored, toPipeline } from '../_shared/pipeline/stored.ts'
import { smokePipeline } from './smoke-pipeline.ts'

describe('smoke-test pipeline', () => {
  const stored = smokePipeline({ key: 'staging', display_name: 'Staging' }, 'acme/payments-api')
  const draft = fromStored(stored)

  it('passes every pipeline rule except the one that demands a deploy', () => {
    expect(draft.ok).toBe(true)
    if (!draft.ok) return
    const errors = validateGraph(draft.value, { environments: [{ key: 'staging', required_approvals: 1 }] })
      .filter((i) => i.severity === 'error').map((i) => i.code)
    expect(errors).toEqual(['missing_deploy'])
    expect(toPipeline(draft.value).ok).toBe(true)
  })

  it('runs the two smoke checks in order and deploys nothing', () => {
    if (!draft.ok) return
    expect(draft.value.nodes.map((n) => [n.kind, n.label])).toEqual([
      ['source', 'Source'], ['test', 'smoke: health endpoints'], ['test', 'smoke: synthetic checkout'], ['notify', 'Notify'],
    ])
    expect(draft.value.nodes.some((n) => n.kind === 'deploy' || n.kind === 'rollback')).toBe(false)
    expect(JSON.stringify(stored)).toContain('Smoke test of Staging finished')
  })
})
