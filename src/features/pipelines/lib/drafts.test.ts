import { describe, expect, it } from 'vitest'
import { clearDraft, draftScope, readDraft, writeDraft, type Draft } from './drafts.ts'

class MemoryStorage implements Storage {
  private items = new Map<string, string>()
  get length() { return this.items.size }
  clear() { this.items.clear() }
  getItem(key: string) { return this.items.get(key) ?? null }
  key(i: number) { return [...this.items.keys()][i] ?? null }
  removeItem(key: string) { this.items.delete(key) }
  setItem(key: string, value: string) { this.items.set(key, value) }
}

const draft: Draft = { baseVersion: 3, savedAt: '2026-12-04T22:00:00.000Z', name: 'API', type: 'cicd', nodes: [{ id: 'a' }], edges: [] }

describe('drafts', () => {
  it('keeps one draft per pipeline, and one per project for a new pipeline', () => {
    const storage = new MemoryStorage()
    writeDraft(draftScope('p1', 'proj'), draft, storage)
    writeDraft(draftScope(undefined, 'proj'), { ...draft, baseVersion: null, name: 'New' }, storage)
    expect(readDraft('p1', storage)).toEqual(draft)
    expect(readDraft('new:proj', storage)?.name).toBe('New')
    clearDraft('p1', storage)
    expect(readDraft('p1', storage)).toBeNull()
    expect(readDraft('new:proj', storage)).not.toBeNull()
  })

  it('reads what is not a draft as none, and survives a storage that refuses writes', () => {
    const storage = new MemoryStorage()
    storage.setItem('opzenix:pipeline-draft:p1', '{"nodes": "no"}')
    expect(readDraft('p1', storage)).toBeNull()
    storage.setItem('opzenix:pipeline-draft:p2', 'not json')
    expect(readDraft('p2', storage)).toBeNull()
    const full = Object.assign(new MemoryStorage(), { setItem: () => { throw new Error('QuotaExceededError') } })
    expect(() => writeDraft('p1', draft, full)).not.toThrow()
  })
})
