import { describe, expect, it } from 'vitest'
import { findFanOutGroups, foldGroups, MIN_BRANCHES } from './fan-out-groups.ts'

/** src → `branches` chains of `length` steps → join (when given). */
function fanOut(branches: number, length: number, join: string | null = 'join') {
  const ids = ['src']
  const edges: Array<{ source: string; target: string; on?: string }> = []
  for (let b = 0; b < branches; b++) {
    let previous = 'src'
    for (let s = 0; s < length; s++) {
      const id = `b${b}s${s}`
      ids.push(id)
      edges.push({ source: previous, target: id })
      previous = id
    }
    if (join) edges.push({ source: previous, target: join })
  }
  if (join) ids.push(join)
  return { ids, edges }
}

const everyNode = () => true

describe('findFanOutGroups', () => {
  it('finds the parallel chains between a fork and their join, each branch in order', () => {
    const { ids, edges } = fanOut(8, 3)
    const [group, ...others] = findFanOutGroups(ids, edges, everyNode)
    expect(others).toEqual([])
    expect(group).toMatchObject({ id: 'group:src', fork: 'src', join: 'join' })
    expect(group!.branches).toHaveLength(8)
    expect(group!.branches[2]).toEqual(['b2s0', 'b2s1', 'b2s2'])
    expect(group!.members).toHaveLength(24)
  })

  it('groups branches that end without a join too', () => {
    const { ids, edges } = fanOut(MIN_BRANCHES, 2, null)
    expect(findFanOutGroups(ids, edges, everyNode)[0]).toMatchObject({ join: null, members: expect.arrayContaining(['b0s1']) })
  })

  it('leaves a fork with fewer than MIN_BRANCHES branches alone', () => {
    const { ids, edges } = fanOut(MIN_BRANCHES - 1, 4)
    expect(findFanOutGroups(ids, edges, everyNode)).toEqual([])
  })

  it('keeps a branch that holds a node it may not fold (a deploy) out of the group', () => {
    const { ids, edges } = fanOut(8, 3)
    const groups = findFanOutGroups(ids, edges, (id) => id !== 'b7s1')
    expect(groups[0]!.branches).toHaveLength(7)
    expect(groups[0]!.members).not.toContain('b7s0')
  })

  it('keeps a branch that forks again or is joined from outside out of the group', () => {
    const { ids, edges } = fanOut(8, 3)
    const forked = [...edges, { source: 'b0s1', target: 'join' }]
    const joined = [...edges, { source: 'src', target: 'b1s2' }]
    expect(findFanOutGroups(ids, forked, everyNode)[0]!.members).not.toContain('b0s0')
    expect(findFanOutGroups(ids, joined, everyNode)[0]!.members).not.toContain('b1s0')
  })
})

describe('foldGroups', () => {
  it('replaces the members with the group node: the fork leads to it and it leads to the join, once each', () => {
    const { ids, edges } = fanOut(8, 3)
    const groups = findFanOutGroups(ids, edges, everyNode)
    const folded = foldGroups(ids, edges, groups, (source, target, like) => ({ ...like, source, target }))
    expect(folded.ids).toEqual(['src', 'group:src', 'join'])
    expect(folded.edges).toEqual([{ source: 'src', target: 'group:src' }, { source: 'group:src', target: 'join' }])
  })

  it('changes nothing when no group is folded', () => {
    const { ids, edges } = fanOut(8, 3)
    expect(foldGroups(ids, edges, [], (source, target) => ({ source, target }))).toEqual({ ids, edges })
  })
})
