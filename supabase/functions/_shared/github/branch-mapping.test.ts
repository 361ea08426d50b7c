import { describe, expect, it } from 'vitest'
import { branchOf, matchesBranch, pickMapping, type BranchMapping } from './branch-mapping.ts'

const mapping = (branch_pattern: string, position: number, created_at = '2026-01-01T00:00:00Z'): BranchMapping => ({
  id: branch_pattern, branch_pattern, environment_id: `env-${branch_pattern}`, flow_template_id: 'flow',
  is_deployable: true, position, created_at,
})

describe('branch globs', () => {
  it.each([
    ['main', 'main', true],
    ['main', 'main2', false],
    ['release/*', 'release/1.2', true],
    ['release/*', 'release/1.2/hotfix', false],
    ['release/**', 'release/1.2/hotfix', true],
    ['feature/*', 'feature/', true],
    ['feature/*', 'features/x', false],
    ['v?.x', 'v1.x', true],
    ['v?.x', 'v10.x', false],
    ['hotfix-1.2', 'hotfix-132', false],
    ['**', 'anything/at/all', true],
    ['(weird)+[x]', '(weird)+[x]', true],
  ])('%s against %s → %s', (pattern, branch, expected) => {
    expect(matchesBranch(pattern, branch)).toBe(expected)
  })
})

describe('pickMapping', () => {
  it('takes the first match by position, then by age', () => {
    const mappings = [mapping('**', 9), mapping('release/*', 1), mapping('release/1.*', 1, '2025-01-01T00:00:00Z')]
    expect(pickMapping(mappings, 'release/1.2')?.branch_pattern).toBe('release/1.*')
    expect(pickMapping(mappings, 'release/2.0')?.branch_pattern).toBe('release/*')
    expect(pickMapping(mappings, 'main')?.branch_pattern).toBe('**')
    expect(pickMapping(mappings.slice(1), 'main')).toBeUndefined()
  })

  it('reads branches from refs, not tags', () => {
    expect(branchOf('refs/heads/feature/a')).toBe('feature/a')
    expect(branchOf('refs/tags/v1')).toBeUndefined()
  })
})
