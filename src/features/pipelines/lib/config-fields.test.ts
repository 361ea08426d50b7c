import { describe, expect, it } from 'vitest'
import { configErrors, configFields, fieldName, fromFormValues, toFormValues } from './config-fields.ts'
import { defaultConfig } from './node-factory.ts'
import { NODE_KINDS } from './shared.ts'

describe('side-panel config fields', () => {
  it('round-trips every kind\'s default config through the form unchanged', () => {
    for (const kind of NODE_KINDS) {
      const config = defaultConfig(kind, ['dev'])
      expect(fromFormValues(kind, toFormValues(kind, 'x', config), config), kind).toEqual(config)
    }
  })

  it('edits the simulated executor: duration as a number, log lines one per row, type kept', () => {
    const config = defaultConfig('build')
    const values = { ...toFormValues('build', 'Build', config), [fieldName('executor.duration_ms')]: '2500', [fieldName('executor.log_lines')]: 'compiling\n\n  linking  \n', [fieldName('executor.outcome')]: 'failure' }
    expect(fromFormValues('build', values, config)).toEqual({ executor: { type: 'simulated', duration_ms: 2500, outcome: 'failure', log_lines: ['compiling', 'linking'] } })
  })

  it('reports the schema\'s errors under the field that has them', () => {
    const config = fromFormValues('build', { [fieldName('executor.duration_ms')]: '-5', [fieldName('executor.outcome')]: 'success', [fieldName('executor.log_lines')]: '' }, defaultConfig('build'))
    expect(Object.keys(configErrors('build', config))).toEqual([fieldName('executor.duration_ms')])
    expect(configErrors('source', { repository: '', branch: 'main' })).toHaveProperty('repository')
    expect(configErrors('wait', fromFormValues('wait', { duration_ms: 'soon' }, {}))).toHaveProperty('duration_ms')
    expect(configErrors('deploy', defaultConfig('deploy', ['prod']))).toEqual({})
  })

  it('drops empty optional fields so "none" means none', () => {
    const config = fromFormValues('approval', { environment: '', required_approvals: '2', timeout_minutes: '' }, { required_approvals: 1, environment: 'prod' })
    expect(config).toEqual({ required_approvals: 2 })
  })

  it('has a field list for every kind', () => {
    expect(Object.keys(configFields).sort()).toEqual([...NODE_KINDS].sort())
  })
})

describe('selects left unset', () => {
  it('show the schema default, so an older config without a strategy is not flagged', () => {
    const values = toFormValues('deploy', 'Ship', { environment: 'prod' })
    expect(values.strategy).toBe('rolling')
    expect(configErrors('deploy', fromFormValues('deploy', values, { environment: 'prod' }))).toEqual({})
  })
})
