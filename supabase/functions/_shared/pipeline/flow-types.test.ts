import { describe, expect, it } from 'vitest'
import { COMMON_KINDS, FLOW_STAGES, FLOW_TYPES, flowPalette, flowTypeOfKind, PREREQUISITES } from './flow-types.ts'
import { configSchemas, FLOW_WORK_KINDS, isWorkKind, NODE_KINDS, pipelineNodeSchema, WORK_KINDS } from './kinds.ts'
import { mayFollow } from './follow-rules.ts'
import { validateGraph } from './graph.ts'
import { execution, graph, simulated, statuses, step, T0, type EdgeSpec, type NodeSpec } from './fixtures.ts'
import type { ExecutionSnapshot } from './engine-types.ts'

const codes = (g: Parameters<typeof validateGraph>[0]) => validateGraph(g).map((i) => i.code)

/** Ticks every `every` ms until the run finishes (or 200 ticks pass) and returns the final state. */
function runToEnd(snapshot: ExecutionSnapshot, every = 500): ExecutionSnapshot {
  let state = snapshot
  for (let i = 0; i < 200 && !['success', 'failed', 'warning', 'cancelled'].includes(state.status); i++) {
    state = step(state, { now: T0 + i * every }).state
  }
  return state
}

describe('flow types and their palettes', () => {
  it('gives each of the five flow types its own stages, then the kinds they all share', () => {
    expect(FLOW_TYPES).toEqual(['cicd', 'mlops', 'llmops', 'infrastructure', 'security'])
    expect(flowPalette('mlops')).toEqual([
      'data_validation', 'train', 'evaluate', 'register_model', 'deploy_model', 'monitor_drift', ...COMMON_KINDS,
    ])
    expect(flowPalette('infrastructure').slice(0, 4)).toEqual(['plan', 'policy_check', 'apply', 'drift_check'])
    expect(flowPalette('security').slice(0, 7)).toEqual(['sast', 'dependency_scan', 'secrets_scan', 'sbom', 'image_sign', 'image_scan', 'security_gate'])
    expect(flowPalette('llmops').slice(0, 4)).toEqual(['eval_suite', 'guardrail_check', 'model_version_gate', 'canary'])
    expect(flowPalette('cicd')).toEqual(expect.arrayContaining(['source', 'build', 'test', 'security_scan', 'deploy', 'approval']))
  })

  it('places every kind in exactly one palette or in the shared kinds, and every flow stage is a work stage', () => {
    const placed = [...COMMON_KINDS, ...FLOW_TYPES.flatMap((t) => FLOW_STAGES[t])]
    expect([...placed].sort()).toEqual([...NODE_KINDS].sort())
    expect(new Set(placed).size).toBe(placed.length)
    for (const kind of FLOW_WORK_KINDS) {
      expect(isWorkKind(kind), kind).toBe(true)
      expect(flowTypeOfKind(kind), kind).not.toBeNull()
    }
    expect(flowTypeOfKind('approval')).toBeNull()
  })
})

describe('flow-type stage schemas', () => {
  it('accept a stage with only an executor and fill in that kind\'s settings', () => {
    expect(configSchemas.evaluate.parse(simulated(10))).toMatchObject({ metric: 'auc', min_score: 0.8 })
    expect(configSchemas.plan.parse(simulated(10))).toMatchObject({ tool: 'terraform', workspace: 'default' })
    expect(configSchemas.guardrail_check.parse(simulated(10)).policies).toEqual(['pii', 'jailbreak', 'toxicity'])
    expect(configSchemas.sbom.parse(simulated(10)).format).toBe('cyclonedx')
    for (const kind of FLOW_WORK_KINDS) expect(configSchemas[kind].safeParse(simulated(0)).success, kind).toBe(true)
  })

  it('refuse settings outside what the kind allows', () => {
    expect(configSchemas.evaluate.safeParse({ ...simulated(0), min_score: 1.5 }).success).toBe(false)
    expect(configSchemas.canary.safeParse({ ...simulated(0), traffic_percent: 100 }).success).toBe(false)
    expect(configSchemas.plan.safeParse({ ...simulated(0), tool: 'ansible' }).success).toBe(false)
    expect(configSchemas.plan.safeParse({ ...simulated(0), workspace: 'prod east' }).success).toBe(false)
    expect(configSchemas.dependency_scan.safeParse({ ...simulated(0), fail_on: 'severe' }).success).toBe(false)
    expect(configSchemas.image_scan.safeParse({ ...simulated(0), image: 'Not An Image' }).success).toBe(false)
    expect(configSchemas.guardrail_check.safeParse({ ...simulated(0), policies: [] }).success).toBe(false)
  })

  it('need an executor like every work stage, and take a GitHub workflow as well as the simulated one', () => {
    expect(configSchemas.train.safeParse({}).success).toBe(false)
    expect(configSchemas.train.safeParse({ executor: { type: 'github_workflow', workflow: 'train.yml' } }).success).toBe(true)
    expect(pipelineNodeSchema.safeParse({ id: 'p', kind: 'plan', config: simulated(0) }).success).toBe(true)
  })
})

describe('flow-type rules', () => {
  it('let the flow stages follow the source and each other like other work stages', () => {
    expect(mayFollow('source', 'data_validation')).toBe(true)
    expect(mayFollow('train', 'evaluate')).toBe(true)
    expect(mayFollow('sast', 'deploy')).toBe(true)
    expect(mayFollow('plan', 'approval')).toBe(true)
  })

  it('let an approval gate only the stages that ship or promote', () => {
    for (const kind of ['register_model', 'deploy_model', 'canary', 'apply'] as const) expect(mayFollow('approval', kind), kind).toBe(true)
    for (const kind of ['train', 'plan', 'sast', 'build'] as const) expect(mayFollow('approval', kind), kind).toBe(false)
  })

  it('do not rebuild from source after a deploy, but may monitor, scan or check drift', () => {
    expect(mayFollow('deploy', 'train')).toBe(false)
    expect(mayFollow('deploy', 'monitor_drift')).toBe(true)
    expect(mayFollow('deploy', 'drift_check')).toBe(true)
    expect(mayFollow('deploy', 'image_scan')).toBe(true)
  })

  it('flag a stage whose prerequisite is not upstream, naming what it needs', () => {
    const applyWithoutPlan = graph(
      [['src', 'source'], ['apply', 'apply'], ['plan', 'plan'], ['dev', 'deploy', { environment: 'dev' }]],
      [['src', 'apply'], ['apply', 'dev'], ['src', 'plan'], ['plan', 'dev']],
    )
    const issue = validateGraph(applyWithoutPlan).find((i) => i.code === 'missing_prerequisite')
    expect(issue).toMatchObject({ severity: 'error', nodeIds: ['apply'], message: 'An apply needs a plan before it ("apply").' })

    const planned = graph(
      [['src', 'source'], ['plan', 'plan'], ['apply', 'apply'], ['dev', 'deploy', { environment: 'dev' }]],
      [['src', 'plan'], ['plan', 'apply'], ['apply', 'dev']],
    )
    expect(codes(planned)).not.toContain('missing_prerequisite')
  })

  it('accept any one of several prerequisites (a security gate after any scanner)', () => {
    expect(PREREQUISITES.security_gate).toContain('secrets_scan')
    const gateAlone = graph(
      [['src', 'source'], ['sbom', 'sbom'], ['gate', 'security_gate'], ['dev', 'deploy', { environment: 'dev' }]],
      [['src', 'sbom'], ['sbom', 'gate'], ['gate', 'dev']],
    )
    expect(validateGraph(gateAlone).filter((i) => i.code === 'missing_prerequisite').map((i) => i.message))
      .toEqual(['A security gate needs a sast or dependency scan or secrets scan or image scan or security scan before it ("gate").'])
    const scanned = graph(
      [['src', 'source'], ['secrets', 'secrets_scan'], ['gate', 'security_gate'], ['dev', 'deploy', { environment: 'dev' }]],
      [['src', 'secrets'], ['secrets', 'gate'], ['gate', 'dev']],
    )
    expect(codes(scanned)).not.toContain('missing_prerequisite')
  })

  it('count the flow types\' evaluations as tests and their scanners as security scans', () => {
    const ml = graph(
      [['src', 'source'], ['val', 'data_validation'], ['train', 'train'], ['eval', 'evaluate'], ['dev', 'deploy', { environment: 'dev' }]],
      [['src', 'val'], ['val', 'train'], ['train', 'eval'], ['eval', 'dev']],
    )
    expect(codes(ml)).toContain('no_security_scan')
    expect(codes(ml)).not.toContain('no_test')
    const sec = graph(
      [['src', 'source'], ['sast', 'sast'], ['dev', 'deploy', { environment: 'dev' }]],
      [['src', 'sast'], ['sast', 'dev']],
    )
    expect(codes(sec)).not.toContain('no_security_scan')
  })
})

describe('flow-type stages on the simulated executor', () => {
  const chains: Record<string, NodeSpec[]> = {
    mlops: [['val', 'data_validation'], ['train', 'train'], ['eval', 'evaluate'], ['reg', 'register_model'], ['serve', 'deploy_model'], ['drift', 'monitor_drift']],
    llmops: [['evals', 'eval_suite'], ['guard', 'guardrail_check'], ['pin', 'model_version_gate'], ['canary', 'canary']],
    infrastructure: [['plan', 'plan'], ['policy', 'policy_check'], ['apply', 'apply'], ['drift', 'drift_check']],
    security: [['sast', 'sast'], ['deps', 'dependency_scan'], ['secrets', 'secrets_scan'], ['sbom', 'sbom'], ['scan', 'image_scan'], ['sign', 'image_sign'], ['gate', 'security_gate']],
  }

  for (const [type, stages] of Object.entries(chains)) {
    it(`runs a ${type} chain to the end, each stage lasting its duration and ending with its outcome`, () => {
      const nodes: NodeSpec[] = [['src', 'source'], ...stages.map(([id, kind]): NodeSpec => [id, kind, simulated(1000, 'success', [`${kind} says hi`])]), ['dev', 'deploy', { environment: 'dev' }]]
      const ids = nodes.map(([id]) => id)
      const edges: EdgeSpec[] = ids.slice(1).map((id, i) => [ids[i]!, id])
      expect(validateGraph(graph(nodes, edges)).filter((i) => i.severity === 'error')).toEqual([])

      const first = step(execution(nodes, edges), { now: T0 })
      expect(statuses(first.state)[stages[0]![0]]).toBe('running')
      const final = runToEnd(execution(nodes, edges))
      expect(final.status).toBe('success')
      expect(Object.values(statuses(final))).toEqual(ids.map(() => 'success'))
    })
  }

  it('fails a run when a flow stage is configured to fail, and skips what follows', () => {
    const nodes: NodeSpec[] = [
      ['src', 'source'], ['plan', 'plan', simulated(1000)], ['policy', 'policy_check', simulated(1000, 'failure')],
      ['apply', 'apply', simulated(1000)], ['dev', 'deploy', { environment: 'dev' }],
    ]
    const final = runToEnd(execution(nodes, [['src', 'plan'], ['plan', 'policy'], ['policy', 'apply'], ['apply', 'dev']]))
    expect(final.status).toBe('failed')
    expect(statuses(final)).toEqual({ src: 'success', plan: 'success', policy: 'failed', apply: 'skipped', dev: 'skipped' })
  })

  it('writes the finishing line in the stage\'s own name', () => {
    const nodes: NodeSpec[] = [['src', 'source'], ['drift', 'monitor_drift', simulated(100, 'warning')], ['dev', 'deploy', { environment: 'dev' }]]
    const started = step(execution(nodes, [['src', 'drift'], ['drift', 'dev']]), { now: T0 }).state
    const { transitions } = step(started, { now: T0 + 100 })
    expect(transitions[0]).toMatchObject({ nodeId: 'drift', to: 'warning', reason: 'simulated_finished' })
    expect(transitions[0]!.effects).toEqual([{ type: 'write_logs', nodeId: 'drift', lines: ['[simulated] monitor_drift finished: warning'] }])
  })

  it('has as many work kinds as the cicd ones plus every flow stage', () => {
    expect(WORK_KINDS.length).toBe(3 + FLOW_WORK_KINDS.length)
  })
})
