import { describe, expect, it } from 'vitest'
import { describeChange, diffConfigs, type ConfigSnapshot } from './diff.ts'

const v1: ConfigSnapshot = {
  variables: { LOG_LEVEL: 'debug', REPLICAS: 2, OLD: true },
  secrets: [{ name: 'DATABASE_URL', provider: 'supabase_vault', key: 'app/dev/db' }, { name: 'GONE', provider: 'github_actions', key: 'G' }],
}
const v2: ConfigSnapshot = {
  variables: { LOG_LEVEL: 'info', REPLICAS: 2, NEW: 'yes' },
  secrets: [{ name: 'DATABASE_URL', provider: 'azure_key_vault', key: 'kv/db' }, { name: 'STRIPE', provider: 'supabase_vault', key: 'stripe' }],
}

describe('diffConfigs', () => {
  it('lists added, removed and changed variables, then secret references, by name', () => {
    expect(diffConfigs(v1, v2)).toEqual([
      { kind: 'changed', section: 'variables', name: 'LOG_LEVEL', before: 'debug', after: 'info' },
      { kind: 'added', section: 'variables', name: 'NEW', after: 'yes' },
      { kind: 'removed', section: 'variables', name: 'OLD', before: true },
      { kind: 'changed', section: 'secrets', name: 'DATABASE_URL', before: { provider: 'supabase_vault', key: 'app/dev/db' }, after: { provider: 'azure_key_vault', key: 'kv/db' } },
      { kind: 'removed', section: 'secrets', name: 'GONE', before: { provider: 'github_actions', key: 'G' } },
      { kind: 'added', section: 'secrets', name: 'STRIPE', after: { provider: 'supabase_vault', key: 'stripe' } },
    ])
  })

  it('is empty between equal versions and reverses when swapped', () => {
    expect(diffConfigs(v1, structuredClone(v1))).toEqual([])
    const back = diffConfigs(v2, v1)
    expect(back.find((c) => c.name === 'NEW')?.kind).toBe('removed')
    expect(back.find((c) => c.name === 'OLD')?.kind).toBe('added')
  })

  it('tells a number from the same digits as a string, and false from a missing variable', () => {
    expect(diffConfigs({ variables: { R: 2 }, secrets: [] }, { variables: { R: '2' }, secrets: [] })).toHaveLength(1)
    expect(diffConfigs({ variables: {}, secrets: [] }, { variables: { F: false }, secrets: [] })[0].kind).toBe('added')
  })
})

describe('describeChange', () => {
  it('writes one line per change', () => {
    expect(diffConfigs(v1, v2).map(describeChange)).toEqual([
      '~ LOG_LEVEL: "debug" → "info"',
      '+ NEW = "yes"',
      '- OLD = true',
      '~ secret DATABASE_URL: supabase_vault: app/dev/db → azure_key_vault: kv/db',
      '- secret GONE (github_actions: G)',
      '+ secret STRIPE (supabase_vault: stripe)',
    ])
  })
})
