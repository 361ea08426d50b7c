import { describe, expect, it } from 'vitest'
import { testBranch, type MappingRow } from './branch-test.ts'

let n = 0
const row = (branch_pattern: string, position: number, extra: Partial<MappingRow> = {}): MappingRow => ({
  id: `m${++n}`, branch_pattern, position, environment_id: `env-${branch_pattern}`, flow_template_id: 'flow',
  is_deployable: true, created_at: `2026-01-01T00:00:0${n % 10}Z`, github_integration_id: null, ...extra,
})

// The table from docs/github.md step 4.
const docs = [
  row('main', 0), row('release/*', 1), row('hotfix/**', 2), row('develop', 3), row('feature/*', 9, { is_deployable: false }),
]

describe('testBranch', () => {
  it.each([
    ['main', 'main', 'starts'],
    ['release/2.4', 'release/*', 'starts'],
    ['hotfix/payments/timeout', 'hotfix/**', 'starts'],
    ['feature/login', 'feature/*', 'not_deployable'],
    ['refs/heads/develop', 'develop', 'starts'],
  ])('%s → %s (%s)', (branch, pattern, outcome) => {
    const verdict = testBranch(docs, branch, 'int-1')
    expect(verdict.outcome).toBe(outcome)
    expect('mapping' in verdict && verdict.mapping.branch_pattern).toBe(pattern)
  })

  it('matches nothing for release/2.4/hotfix or a tag', () => {
    expect(testBranch(docs, 'release/2.4/hotfix', 'int-1')).toEqual({ outcome: 'no_mapping', branch: 'release/2.4/hotfix' })
    expect(testBranch(docs, 'refs/tags/v1', 'int-1').outcome).toBe('not_a_branch')
  })

  it('takes the first match in position order, not the list order', () => {
    const mappings = [row('**', 5), row('main', 1, { flow_template_id: null })]
    const verdict = testBranch(mappings, 'main', null)
    expect(verdict).toMatchObject({ outcome: 'no_pipeline', mapping: { branch_pattern: 'main' } })
  })

  it("considers only the integration's own mappings and those for every integration", () => {
    const mappings = [row('main', 0, { github_integration_id: 'int-2' }), row('**', 1)]
    expect(testBranch(mappings, 'main', 'int-2')).toMatchObject({ mapping: { branch_pattern: 'main' } })
    expect(testBranch(mappings, 'main', 'int-1')).toMatchObject({ mapping: { branch_pattern: '**' } })
  })
})
