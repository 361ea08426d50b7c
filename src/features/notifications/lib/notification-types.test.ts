import { describe, expect, it } from 'vitest'
import { describeNotification, metaOf } from './notification-types.ts'

describe('describeNotification', () => {
  it('uses the title, body and path the database wrote', () => {
    expect(describeNotification('approval_requested', { title: 'Approval needed: Release', body: 'Waits for 1 approval', path: '/executions/e1' }))
      .toEqual({ title: 'Approval needed: Release', body: 'Waits for 1 approval', path: '/executions/e1' })
  })

  it('reads the engine notify step\'s older shape', () => {
    expect(describeNotification('pipeline_notify', { execution_id: 'e2', execution_name: 'Nightly', message: 'live on dev' }))
      .toEqual({ title: 'Pipeline message: Nightly', body: 'live on dev', path: '/executions/e2' })
  })

  it('never links outside the app, and survives an empty or odd payload', () => {
    expect(describeNotification('run_failed', { path: '//evil.example/x' }).path).toBeNull()
    expect(describeNotification('run_failed', { path: 'https://evil.example' }).path).toBeNull()
    expect(describeNotification('something_new', null)).toEqual({ title: 'Notification', body: null, path: null })
    expect(describeNotification('run_failed', { title: '  ', body: 42 })).toEqual({ title: 'Run failed', body: null, path: null })
  })

  it('has a meta entry for unknown types', () => {
    expect(metaOf('unknown').label).toBe('Notification')
    expect(metaOf('approval_requested').tone).toBe('warning')
  })
})
