import { describe, expect, it } from 'vitest'
import { auditParams, changeFilter, emptyAuditFilter, exportParams, fromLocalInput, isFiltered, parseAuditParams, toLocalInput } from './audit-filter.ts'

const USER = '00000000-0000-4000-a000-000000000001'
const ENV = '30000000-0000-4000-a000-000000000002'
const ORG = '10000000-0000-4000-a000-000000000001'

describe('audit filters in the URL', () => {
  it('round-trips every filter and the page, keeping unrelated parameters', () => {
    const filter = { actor: USER, action: 'update', resource: 'environment_locks', resourceId: 'abc', environment: ENV, from: '2026-12-01T00:00:00.000Z', to: '2026-12-02T00:00:00.000Z', entry: '' }
    const params = auditParams(filter, 2, new URLSearchParams('project=p1'))
    expect(params.get('project')).toBe('p1')
    expect(params.get('page')).toBe('3')
    expect(params.get('resource_id')).toBe('abc')
    expect(parseAuditParams(params)).toEqual({ filter, page: 2 })
  })

  it('ignores values that cannot be right, and a resource id without its type', () => {
    const parsed = parseAuditParams(new URLSearchParams('actor=bob&environment=prod&from=yesterday&entry=-3&page=0&resource_id=x'))
    expect(parsed).toEqual({ filter: emptyAuditFilter, page: 0 })
    expect(parseAuditParams(new URLSearchParams('actor=system&entry=42&page=abc')).filter).toMatchObject({ actor: 'system', entry: '42' })
  })

  it('drops the defaults from the URL', () => {
    expect(auditParams(emptyAuditFilter, 0).toString()).toBe('')
    expect(isFiltered(emptyAuditFilter)).toBe(false)
    expect(isFiltered({ ...emptyAuditFilter, to: '2026-12-01T00:00:00.000Z' })).toBe(true)
  })

  it('forgets the resource id when the resource type changes', () => {
    const history = { ...emptyAuditFilter, resource: 'environment_locks', resourceId: 'abc' }
    expect(changeFilter(history, { resource: 'deployments' }).resourceId).toBe('')
    expect(changeFilter(history, { action: 'update' }).resourceId).toBe('abc')
    expect(changeFilter(emptyAuditFilter, { resource: 'deployments', resourceId: 'd1' })).toMatchObject({ resource: 'deployments', resourceId: 'd1' })
  })
})

describe('exportParams', () => {
  it('names the filters as audit-export does, and leaves out the single-entry view', () => {
    const filter = { ...emptyAuditFilter, actor: USER, resource: 'deployments', resourceId: 'd1', environment: ENV, from: '2026-12-01T00:00:00.000Z', entry: '7' }
    expect(exportParams(ORG, filter)).toEqual({ organization_id: ORG, actor: USER, resource_type: 'deployments', resource_id: 'd1', environment: ENV, from: '2026-12-01T00:00:00.000Z' })
    expect(exportParams(ORG, emptyAuditFilter)).toEqual({ organization_id: ORG })
  })
})

describe('datetime-local values', () => {
  it('converts between the input (local time) and the URL (an instant)', () => {
    const iso = fromLocalInput('2026-12-01T09:30')
    expect(new Date(iso).getHours()).toBe(9)
    expect(toLocalInput(iso)).toBe('2026-12-01T09:30')
    expect(fromLocalInput('')).toBe('')
    expect(toLocalInput('')).toBe('')
  })
})
