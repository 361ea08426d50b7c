import { describe, expect, it } from 'vitest'
import { moveMapping, nextPosition } from './reorder.ts'

const at = (id: string, position: number, created_at = '2026-01-01T00:00:00Z') => ({ id, position, created_at })

describe('moveMapping', () => {
  const docs = [at('main', 0), at('release', 1), at('hotfix', 2), at('feature', 9)]

  it('swaps distinct positions, keeping the numbers people chose', () => {
    expect(moveMapping(docs, 'feature', -1)).toEqual([{ id: 'feature', position: 2 }, { id: 'hotfix', position: 9 }])
    expect(moveMapping(docs, 'main', 1)).toEqual([{ id: 'main', position: 1 }, { id: 'release', position: 0 }])
  })

  it('does nothing past either end', () => {
    expect(moveMapping(docs, 'main', -1)).toEqual([])
    expect(moveMapping(docs, 'feature', 1)).toEqual([])
    expect(moveMapping(docs, 'nope', 1)).toEqual([])
  })

  it('renumbers when positions tie (ordered by age)', () => {
    const tied = [at('b', 0, '2026-01-02T00:00:00Z'), at('a', 0, '2026-01-01T00:00:00Z'), at('c', 0, '2026-01-03T00:00:00Z')]
    // Order is a, b, c; moving c up gives a, c, b.
    expect(moveMapping(tied, 'c', -1)).toEqual([{ id: 'c', position: 1 }, { id: 'b', position: 2 }])
  })

  it('puts a new mapping last', () => {
    expect(nextPosition(docs)).toBe(10)
    expect(nextPosition([])).toBe(0)
  })
})
