import { describe, expect, it } from 'vitest'
import { rowValue, rowsToSecrets, rowsToVariables, variablesToRows } from './config-rows.ts'

describe('configuration editor rows', () => {
  it('keeps each value\'s type through a round trip', () => {
    const variables = { REPLICAS: 2, LOG_LEVEL: 'info', FLAG: false, ZONE: '2' }
    const rows = variablesToRows(variables)
    expect(rows.map((r) => r.name)).toEqual(['FLAG', 'LOG_LEVEL', 'REPLICAS', 'ZONE'])
    expect(rows.find((r) => r.name === 'ZONE')?.type).toBe('string')
    expect(rowsToVariables(rows)).toEqual({ ok: true, variables })
  })

  it('refuses numbers and booleans that are not, and a name given twice; skips unfinished rows', () => {
    expect(rowValue({ name: 'N', value: 'two', type: 'number' })).toEqual({ ok: false, error: 'N must be a number' })
    expect(rowValue({ name: 'N', value: ' ', type: 'number' }).ok).toBe(false)
    expect(rowValue({ name: 'B', value: 'yes', type: 'boolean' })).toEqual({ ok: false, error: 'B is true or false' })
    expect(rowsToVariables([{ name: 'A', value: '1', type: 'string' }, { name: ' A ', value: '2', type: 'string' }]))
      .toEqual({ ok: false, error: 'A appears twice' })
    expect(rowsToVariables([{ name: '  ', value: 'x', type: 'string' }])).toEqual({ ok: true, variables: {} })
  })

  it('trims secret references and drops rows without a name', () => {
    expect(rowsToSecrets([
      { name: ' DB ', provider: 'supabase_vault', key: ' app/db ' },
      { name: '', provider: 'github_actions', key: 'x' },
    ])).toEqual([{ name: 'DB', provider: 'supabase_vault', key: 'app/db' }])
  })
})
