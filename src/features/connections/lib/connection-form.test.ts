import { describe, expect, it } from 'vitest'
import { connectionFormSchema, emptyForm, formFromRow, rowFromForm, type ConnectionFormValues } from './connection-form.ts'
import { typeLabel } from './connection-types.ts'

const issues = (values: ConnectionFormValues) => {
  const result = connectionFormSchema.safeParse(values)
  return result.success ? {} : Object.fromEntries(result.error.issues.map((i) => [i.path.join('.'), i.message]))
}
const ids = { tenant_id: 'contoso.onmicrosoft.com', client_id: '11111111-2222-3333-4444-555555555555', subscription_id: 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee' }

describe('connection form', () => {
  it('asks each type for the config keys its health check reads', () => {
    expect(issues({ ...emptyForm('otel'), name: 'Collector' })).toEqual({ 'config.endpoint': 'Required' })
    expect(issues({ ...emptyForm('container_registry'), name: 'GHCR' })).toEqual({ 'config.registry_url': 'Required' })
    expect(Object.keys(issues({ ...emptyForm('kubernetes'), name: 'AKS', secret_ref: 'AKS_SECRET' })).sort())
      .toEqual(['config.client_id', 'config.cluster_name', 'config.resource_group', 'config.subscription_id', 'config.tenant_id'])
    expect(issues({ ...emptyForm('github'), name: 'GitHub' })).toEqual({})
    expect(issues({ type: 'azure', name: 'Azure prod', secret_ref: 'AZURE_PROD_SECRET', config: ids })).toEqual({})
  })

  it('explains malformed values', () => {
    expect(issues({ type: 'otel', name: 'c', secret_ref: '', config: { endpoint: 'otel.example.com:4318' } })['config.endpoint']).toMatch(/http/)
    expect(issues({ type: 'github', name: 'g', secret_ref: '', config: { repository: 'just-a-name' } })['config.repository']).toMatch(/owner\/name/)
    expect(issues({ type: 'azure', name: 'a', secret_ref: 'S', config: { ...ids, client_id: 'nope' } })['config.client_id']).toMatch(/ID like/)
  })

  it('takes a secret NAME, never a credential, and requires one where the check needs it', () => {
    const azure = (secret_ref: string) => issues({ type: 'azure', name: 'Azure', secret_ref, config: ids }).secret_ref
    expect(azure('')).toMatch(/Name the function secret/)
    expect(azure('p4ss~word!xyz')).toMatch(/never the secret itself/)
    expect(azure('SUPABASE_SERVICE_ROLE_KEY')).toMatch(/reserved/)
    expect(azure('AZURE_PROD_SECRET')).toBeUndefined()
    // A registry may be public: no secret is fine, a bad name is not.
    expect(issues({ type: 'container_registry', name: 'r', secret_ref: '', config: { registry_url: 'ghcr.io/acme' } })).toEqual({})
    expect(issues({ type: 'container_registry', name: 'r', secret_ref: 'user:pass', config: { registry_url: 'ghcr.io/acme' } }).secret_ref).toBeDefined()
  })

  it('writes trimmed config, drops emptied keys, keeps keys set elsewhere, and stores no secret for types without one', () => {
    const row = rowFromForm(
      { type: 'otel', name: ' Collector ', secret_ref: 'IGNORED', config: { endpoint: ' http://127.0.0.1:4318 ' } },
      { endpoint: 'https://old', headers_ref: 'X' },
    )
    expect(row).toEqual({ type: 'otel', name: 'Collector', secret_ref: null, config: { endpoint: 'http://127.0.0.1:4318', headers_ref: 'X' } })
    expect(rowFromForm({ type: 'github', name: 'g', secret_ref: '', config: { repository: '' } }, { repository: 'a/b' }).config).toEqual({})
  })

  it('round-trips a stored row into the form', () => {
    const values = formFromRow({ type: 'kubernetes', name: 'AKS', secret_ref: 'AKS_SECRET', config: { ...ids, resource_group: 'rg', cluster_name: 'c', replicas: 3 } })
    expect(values).toEqual({ type: 'kubernetes', name: 'AKS', secret_ref: 'AKS_SECRET', config: { ...ids, resource_group: 'rg', cluster_name: 'c' } })
    expect(typeLabel('kubernetes')).toBe('AKS')
    expect(typeLabel('container_registry')).toBe('Container registry')
    expect(typeLabel('slack')).toBe('Slack')
  })
})
