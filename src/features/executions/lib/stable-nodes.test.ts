import { describe, expect, it } from 'vitest'
import { reuseUnchanged } from './stable-nodes.ts'

const node = (id: string, status: string, selected = false) => ({ id, position: { x: 0, y: 0 }, selected, data: { status, label: id } })

describe('reuseUnchanged', () => {
  it('keeps the objects of nodes that did not change and takes the new ones of those that did', () => {
    const cache = { items: [] as ReturnType<typeof node>[], byId: new Map() }
    const first = reuseUnchanged(cache, [node('a', 'running'), node('b', 'pending')])
    const second = reuseUnchanged(cache, [node('a', 'success'), node('b', 'pending')])
    expect(second[0]).not.toBe(first[0])
    expect(second[0]!.data.status).toBe('success')
    expect(second[1]).toBe(first[1])
  })

  it('returns the same array when nothing changed, and notices selection', () => {
    const cache = { items: [] as ReturnType<typeof node>[], byId: new Map() }
    const first = reuseUnchanged(cache, [node('a', 'running')])
    expect(reuseUnchanged(cache, [node('a', 'running')])).toBe(first)
    const selected = reuseUnchanged(cache, [node('a', 'running', true)])
    expect(selected).not.toBe(first)
    expect(selected[0]!.selected).toBe(true)
  })
})

describe('reuseUnchanged on edges', () => {
  it('keeps an edge whose fields are the same and replaces one that changed', () => {
    const edge = (id: string, animated: boolean) => ({ id, source: 'a', target: 'b', animated, data: { on: 'success' } })
    const cache = { items: [] as ReturnType<typeof edge>[], byId: new Map() }
    const first = reuseUnchanged(cache, [edge('a->b', true), edge('b->c', false)])
    const second = reuseUnchanged(cache, [edge('a->b', false), edge('b->c', false)])
    expect(second[0]).not.toBe(first[0])
    expect(second[1]).toBe(first[1])
  })
})
