import { describe, expect, it } from 'vitest'
import { configErrors, configFields, fieldName, fromFormValues, toFormValues, visibleFields } from './config-fields.ts'
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

describe('GitHub workflow executor', () => {
  const values = (config: Record<string, unknown>, changes: Record<string, string>) => ({ ...toFormValues('build', 'CI', config), ...changes })

  it('switches a simulated step to a GitHub workflow, dropping the simulated settings, and back', () => {
    const simulated = defaultConfig('build')
    const github = fromFormValues('build', values(simulated, { [fieldName('executor.type')]: 'github_workflow' }), simulated)
    expect(github).toEqual({ executor: { type: 'github_workflow', inputs: {} } })
    expect(configErrors('build', github)).toEqual({})
    const back = fromFormValues('build', values(github, { [fieldName('executor.type')]: 'simulated' }), github)
    expect(back.executor).toMatchObject({ type: 'simulated', outcome: 'success' })
    expect(configErrors('build', back)).toEqual({})
  })

  it('shows only the chosen executor\'s fields', () => {
    const shown = (config: Record<string, unknown>) => visibleFields('test', (path) => toFormValues('test', 'x', config)[fieldName(path)]).map((f) => f.path)
    expect(shown(defaultConfig('test'))).toEqual(['executor.type', 'executor.duration_ms', 'executor.outcome', 'executor.log_lines'])
    expect(shown({ executor: { type: 'github_workflow' } })).toEqual(['executor.type', 'executor.repository', 'executor.workflow', 'executor.ref', 'executor.inputs', 'executor.timeout_minutes'])
  })

  it('edits workflow, ref, inputs as name=value rows and the timeout; round-trips them', () => {
    const previous = { executor: { type: 'github_workflow', inputs: {} } }
    const config = fromFormValues('build', values(previous, {
      [fieldName('executor.workflow')]: 'build.yml', [fieldName('executor.ref')]: ' release/2.0 ',
      [fieldName('executor.inputs')]: 'suite=smoke\n\n  region = eu-west=1 \n', [fieldName('executor.timeout_minutes')]: '15',
    }), previous)
    expect(config).toEqual({ executor: { type: 'github_workflow', workflow: 'build.yml', ref: 'release/2.0', inputs: { suite: 'smoke', region: 'eu-west=1' }, timeout_minutes: 15 } })
    expect(fromFormValues('build', toFormValues('build', 'CI', config), config)).toEqual(config)
  })

  it('reports a bad input name or a reserved one under the Inputs field', () => {
    const previous = { executor: { type: 'github_workflow', inputs: {} } }
    const config = fromFormValues('build', values(previous, { [fieldName('executor.inputs')]: 'TRACEPARENT=x' }), previous)
    expect(configErrors('build', config)).toEqual({ [fieldName('executor.inputs')]: 'TRACEPARENT: Opzenix sets this input itself' })
    const repo = fromFormValues('build', values(previous, { [fieldName('executor.repository')]: 'payments-api' }), previous)
    expect(Object.keys(configErrors('build', repo))).toEqual([fieldName('executor.repository')])
  })
})

describe('selects left unset', () => {
  it('show the schema default, so an older config without a strategy is not flagged', () => {
    const values = toFormValues('deploy', 'Ship', { environment: 'prod' })
    expect(values.strategy).toBe('rolling')
    expect(configErrors('deploy', fromFormValues('deploy', values, { environment: 'prod' }))).toEqual({})
  })

  it('shows a flow-type stage\'s own settings before the executor, and checks them with its schema', () => {
    expect(configFields.evaluate.slice(0, 3).map((f) => f.path)).toEqual(['metric', 'min_score', 'executor.type'])
    const config = defaultConfig('evaluate')
    const tooHigh = fromFormValues('evaluate', { ...toFormValues('evaluate', 'Evaluate', config), min_score: '1.5' }, config)
    expect(tooHigh).toMatchObject({ metric: 'auc', min_score: 1.5 })
    expect(Object.keys(configErrors('evaluate', tooHigh))).toEqual(['min_score'])

    const guard = defaultConfig('guardrail_check')
    const edited = fromFormValues('guardrail_check', { ...toFormValues('guardrail_check', 'Guardrails', guard), policies: 'pii\n\nprompt-injection ' }, guard)
    expect(edited.policies).toEqual(['pii', 'prompt-injection'])
    const none = fromFormValues('guardrail_check', { ...toFormValues('guardrail_check', 'Guardrails', guard), policies: '' }, guard)
    expect(configErrors('guardrail_check', none)).toHaveProperty('policies')

    const plan = defaultConfig('plan')
    expect(toFormValues('plan', 'Plan', plan)).toMatchObject({ tool: 'terraform', workspace: 'default' })
    const tofu = fromFormValues('plan', { ...toFormValues('plan', 'Plan', plan), tool: 'opentofu', workspace: 'prod east' }, plan)
    expect(tofu).toMatchObject({ tool: 'opentofu', workspace: 'prod east' })
    expect(Object.keys(configErrors('plan', tofu))).toEqual(['workspace'])
  })
})
