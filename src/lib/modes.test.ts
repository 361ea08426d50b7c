import { describe, expect, it } from 'vitest'
import { navOrder, resolveMode, settingsNav } from './modes.ts'

describe('resolveMode', () => {
  it('follows the role when nothing is saved', () => {
    expect(resolveMode(null, 'viewer')).toBe('monitor')
    expect(resolveMode(null, 'operator')).toBe('build')
    expect(resolveMode(null, 'admin')).toBe('govern')
    expect(resolveMode(undefined, null)).toBe('monitor')
  })

  it('prefers the saved mode and ignores unknown ones', () => {
    expect(resolveMode('investigate', 'admin')).toBe('investigate')
    expect(resolveMode('advanced', 'operator')).toBe('build')
  })

  it('puts what each mode is about first after home', () => {
    expect(navOrder.build[1]).toBe('pipelines')
    expect(navOrder.govern[1]).toBe('approvals')
    const everyMode = new Set(navOrder.monitor)
    for (const order of Object.values(navOrder)) {
      expect(new Set(order)).toEqual(everyMode)
      expect(order).toHaveLength(everyMode.size)
      for (const key of settingsNav) expect(order).not.toContain(key)
    }
  })
})
