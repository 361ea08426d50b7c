import { describe, expect, it } from 'vitest'
import { branchPatternProblem } from './branch-pattern.ts'

describe('branchPatternProblem', () => {
  it.each(['main', 'release/*', 'hotfix/**', 'v?.x', 'feature/*-ui', 'users/ana/wip'])('accepts %s', (pattern) => {
    expect(branchPatternProblem(pattern)).toBeUndefined()
  })

  it.each([
    ['', 'Enter a branch pattern'],
    ['   ', 'Enter a branch pattern'],
    ['release /*', 'cannot contain spaces'],
    ['refs/heads/main', 'Leave out refs/heads/'],
    ['release/[0-9]', 'cannot contain [, so this pattern would never match'],
    ['a..b', 'cannot contain ..'],
    ['fix:1', 'cannot contain :'],
    ['main~1', 'cannot contain ~'],
    ['a\\b', 'cannot contain a backslash'],
    ['/main', 'cannot start or end with /'],
    ['release/', 'cannot start or end with /'],
    ['a//b', 'contain //'],
    ['topic.lock', 'cannot end with . or .lock'],
    ['feature/.hidden', 'start with .'],
    ['x'.repeat(256), 'under 256'],
  ])('refuses %j', (pattern, message) => {
    expect(branchPatternProblem(pattern)).toContain(message)
  })
})
