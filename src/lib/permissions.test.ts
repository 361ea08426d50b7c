import { describe, expect, it } from 'vitest'
import { can } from './permissions.ts'

describe('can', () => {
  it('lets viewers read and nothing else', () => {
    expect(can('viewer', 'viewPipelines')).toBe(true)
    expect(can('viewer', 'startExecutions')).toBe(false)
    expect(can('viewer', 'editPipelines')).toBe(false)
  })

  it('lets operators ship but not govern', () => {
    expect(can('operator', 'startExecutions')).toBe(true)
    expect(can('operator', 'cancelExecutions')).toBe(true)
    expect(can('operator', 'manageMembers')).toBe(false)
    expect(can('operator', 'readAudit')).toBe(false)
  })

  it('lets admins do everything, and nobody without a role anything', () => {
    expect(can('admin', 'manageEnvironmentPermissions')).toBe(true)
    expect(can(null, 'viewPipelines')).toBe(false)
  })
})
