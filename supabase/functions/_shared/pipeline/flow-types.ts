import type { FLOW_WORK_KINDS, NodeKind } from './kinds.ts'

/** The flow types (Postgres enum `flow_type`, on flow_templates.type and pipeline_templates.flow_type). */
export const FLOW_TYPES = ['cicd', 'mlops', 'llmops', 'infrastructure', 'security'] as const
export type FlowType = (typeof FLOW_TYPES)[number]

/** Kinds every flow type offers: gating, shipping and bookkeeping. */
export const COMMON_KINDS = ['source', 'approval', 'deploy', 'checkpoint', 'rollback', 'parallel_group', 'notify', 'wait'] as const satisfies readonly NodeKind[]

/** Each flow type's own stages, in the order a pipeline of that type usually runs them. */
export const FLOW_STAGES = {
  cicd: ['build', 'test', 'security_scan'],
  mlops: ['data_validation', 'train', 'evaluate', 'register_model', 'deploy_model', 'monitor_drift'],
  llmops: ['eval_suite', 'guardrail_check', 'model_version_gate', 'canary'],
  infrastructure: ['plan', 'policy_check', 'apply', 'drift_check'],
  security: ['sast', 'dependency_scan', 'secrets_scan', 'sbom', 'image_sign', 'image_scan', 'security_gate'],
} as const satisfies Record<FlowType, readonly NodeKind[]>

/** The builder's palette for a flow type: its own stages first, then the common kinds. */
export function flowPalette(type: FlowType): NodeKind[] {
  return [...FLOW_STAGES[type], ...COMMON_KINDS]
}

/** The flow type whose palette a kind belongs to, or null for the common kinds. */
export function flowTypeOfKind(kind: NodeKind): FlowType | null {
  for (const type of FLOW_TYPES) if ((FLOW_STAGES[type] as readonly NodeKind[]).includes(kind)) return type
  return null
}

/**
 * A stage that only makes sense after another: a node of the key kind needs at least one upstream node (an
 * ancestor) of one of the listed kinds. validateGraph reports `missing_prerequisite` otherwise.
 *
 * | stage          | needs upstream                                                 | why                                       |
 * |----------------|----------------------------------------------------------------|-------------------------------------------|
 * | register_model | evaluate                                                       | only evaluated models enter the registry  |
 * | deploy_model   | register_model                                                 | serve what the registry holds             |
 * | canary         | eval_suite                                                     | no traffic to a prompt that was not evaluated |
 * | apply          | plan                                                           | apply the plan that was reviewed          |
 * | image_sign     | image_scan                                                     | sign only what was scanned                |
 * | security_gate  | sast, dependency_scan, secrets_scan, image_scan, security_scan | a gate needs findings to judge            |
 */
export const PREREQUISITES: Partial<Record<NodeKind, readonly NodeKind[]>> = {
  register_model: ['evaluate'],
  deploy_model: ['register_model'],
  canary: ['eval_suite'],
  apply: ['plan'],
  image_sign: ['image_scan'],
  security_gate: ['sast', 'dependency_scan', 'secrets_scan', 'image_scan', 'security_scan'],
}

/** Kinds that count as testing for the `no_test` warning, and as scanning for `no_security_scan`. */
export const TESTING_KINDS = ['test', 'data_validation', 'evaluate', 'eval_suite', 'policy_check'] as const satisfies readonly NodeKind[]
export const SCANNING_KINDS = ['security_scan', 'sast', 'dependency_scan', 'secrets_scan', 'image_scan', 'guardrail_check', 'policy_check'] as const satisfies readonly NodeKind[]

/** What people call each flow type (the builder's type select, the template library's filter). */
export const FLOW_TYPE_LABELS = {
  cicd: 'CI/CD', mlops: 'MLOps', llmops: 'LLMOps', infrastructure: 'Infrastructure', security: 'Security',
} as const satisfies Record<FlowType, string>

/** What the flow-type stages are called wherever a node shows (the builder's palette, the run page's cards). */
export const FLOW_STAGE_LABELS = {
  data_validation: 'Data validation', train: 'Train', evaluate: 'Evaluate', register_model: 'Register model',
  deploy_model: 'Deploy model', monitor_drift: 'Monitor drift', eval_suite: 'Eval suite', guardrail_check: 'Guardrail check',
  model_version_gate: 'Model-version gate', canary: 'Canary', plan: 'Plan', policy_check: 'Policy check', apply: 'Apply',
  drift_check: 'Drift check', sast: 'SAST', dependency_scan: 'Dependency scan', secrets_scan: 'Secrets scan', sbom: 'SBOM',
  image_sign: 'Image sign', image_scan: 'Image scan', security_gate: 'Security gate',
} as const satisfies Record<(typeof FLOW_WORK_KINDS)[number], string>
