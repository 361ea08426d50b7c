import { z } from 'zod'

/** Stages of the MLOps, LLMOps, infrastructure and security flow types (flow-types.ts groups them). */
export const FLOW_WORK_KINDS = [
  'data_validation', 'train', 'evaluate', 'register_model', 'deploy_model', 'monitor_drift',
  'eval_suite', 'guardrail_check', 'model_version_gate', 'canary',
  'plan', 'policy_check', 'apply', 'drift_check',
  'sast', 'dependency_scan', 'secrets_scan', 'sbom', 'image_sign', 'image_scan', 'security_gate',
] as const

/** Every kind of node a pipeline may hold, in palette order. */
export const NODE_KINDS = [
  'source', 'build', 'test', 'security_scan', 'approval', 'deploy',
  'checkpoint', 'rollback', 'parallel_group', 'notify', 'wait',
  ...FLOW_WORK_KINDS,
] as const
export type NodeKind = (typeof NODE_KINDS)[number]

/** Stages that do work through an executor (simulated or a GitHub workflow), whatever their flow type. */
export const WORK_KINDS = ['build', 'test', 'security_scan', ...FLOW_WORK_KINDS] as const satisfies readonly NodeKind[]
export type WorkKind = (typeof WORK_KINDS)[number]

export function isWorkKind(kind: string): kind is WorkKind {
  return (WORK_KINDS as readonly string[]).includes(kind)
}

export const DEPLOY_STRATEGIES = ['rolling', 'canary', 'blue_green'] as const
export type DeployStrategy = (typeof DEPLOY_STRATEGIES)[number]

export const STEP_OUTCOMES = ['success', 'failure', 'warning'] as const
export type StepOutcome = (typeof STEP_OUTCOMES)[number]

const environmentKey = z.string().regex(/^[a-z0-9][a-z0-9_-]*$/, 'lowercase letters, digits, - or _')
const durationMs = z.number().int().min(0).max(24 * 60 * 60 * 1000)

/** A step that pretends to work: for demos and tests, labelled "simulated" wherever it shows. */
export const simulatedExecutorSchema = z.object({
  type: z.literal('simulated'),
  duration_ms: durationMs.default(1000),
  outcome: z.enum(STEP_OUTCOMES).default('success'),
  log_lines: z.array(z.string()).default([]),
  /** The first this-many attempts fail whatever `outcome` says: a flaky step, so a rerun can pass (the demo). */
  fail_attempts: z.number().int().min(0).max(10).optional(),
})
export type SimulatedExecutor = z.infer<typeof simulatedExecutorSchema>

/** Inputs Opzenix adds to every dispatch (the workflow must declare them); a node may not set them itself. */
export const RESERVED_WORKFLOW_INPUTS = ['opzenix_execution_id', 'opzenix_node_id', 'TRACEPARENT'] as const

const workflowInputs = z.record(z.string(), z.string()).superRefine((inputs, ctx) => {
  for (const key of Object.keys(inputs)) {
    if ((RESERVED_WORKFLOW_INPUTS as readonly string[]).includes(key)) {
      ctx.addIssue({ code: 'custom', path: [key], message: `${key}: Opzenix sets this input itself` })
    } else if (!/^[A-Za-z_][A-Za-z0-9_-]*$/.test(key)) {
      ctx.addIssue({ code: 'custom', path: [key], message: `${key}: input names are letters, digits, _ or -` })
    }
  }
})

/**
 * A GitHub Actions workflow started with workflow_dispatch; the step finishes when its workflow_run completes.
 * `repository` (owner/name) picks one of the project's GitHub integrations (default: its only one);
 * `workflow` is a file name, a .github/workflows path or a numeric id (default: the integration's workflow file);
 * `ref` defaults to the run's branch, else the integration's default branch.
 */
export const githubWorkflowExecutorSchema = z.object({
  type: z.literal('github_workflow'),
  repository: z.string().regex(/^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/, 'owner/name').optional(),
  workflow: z.string().trim().min(1).regex(/^(\d+|[^\s]+\.ya?ml)$/, 'a .yml file, a .github/workflows path or a workflow id').optional(),
  ref: z.string().trim().min(1).optional(),
  inputs: workflowInputs.default({}),
  timeout_minutes: z.number().int().min(1).max(7 * 24 * 60).default(60),
})
export type GithubWorkflowExecutor = z.infer<typeof githubWorkflowExecutorSchema>

/** Executors are a discriminated union so github_workflow can join without touching the stages. */
export const executorSchema = z.discriminatedUnion('type', [simulatedExecutorSchema, githubWorkflowExecutorSchema])
export const EXECUTOR_TYPES = ['simulated', 'github_workflow'] as const
export type ExecutorType = (typeof EXECUTOR_TYPES)[number]
export type Executor = z.infer<typeof executorSchema>

const workConfig = z.object({ executor: executorSchema })
/** A work stage with settings of its own besides the executor. */
const work = <T extends z.ZodRawShape>(shape: T) => workConfig.extend(shape)

export const SEVERITIES = ['low', 'medium', 'high', 'critical'] as const
export type Severity = (typeof SEVERITIES)[number]
export const IAC_TOOLS = ['terraform', 'opentofu', 'pulumi'] as const
const ratio = z.number().min(0).max(1)
const name = z.string().trim().min(1)
const workspace = name.regex(/^[A-Za-z0-9_.-]+$/, 'letters, digits, ., - or _').default('default')
const image = name.regex(/^[a-z0-9][a-z0-9._\/:@-]*$/, 'an image reference such as ghcr.io/acme/app:1.2.3')

/** Settings of the flow-type stages: what a real step of that kind would be told (the simulated one shows them). */
export const flowWorkSchemas = {
  data_validation: work({ dataset: name.default('training-data'), max_null_ratio: ratio.default(0.01) }),
  train: work({ framework: z.enum(['pytorch', 'tensorflow', 'sklearn', 'xgboost']).default('pytorch'), dataset: name.optional() }),
  evaluate: work({ metric: name.default('auc'), min_score: ratio.default(0.8) }),
  register_model: work({ model_name: name.default('model'), stage: z.enum(['staging', 'production']).default('staging') }),
  deploy_model: work({ endpoint: name.default('model-endpoint'), traffic_percent: z.number().int().min(1).max(100).default(100) }),
  monitor_drift: work({ metric: z.enum(['psi', 'kl_divergence', 'ks']).default('psi'), threshold: z.number().positive().max(10).default(0.2) }),
  eval_suite: work({ suite: name.default('golden-set'), min_pass_rate: ratio.default(0.9) }),
  guardrail_check: work({ policies: z.array(name).min(1, 'at least one policy').default(['pii', 'jailbreak', 'toxicity']) }),
  model_version_gate: work({ model: name.default('gpt-4o'), pinned_version: name.optional() }),
  canary: work({ traffic_percent: z.number().int().min(1).max(99).default(10) }),
  plan: work({ tool: z.enum(IAC_TOOLS).default('terraform'), workspace }),
  policy_check: work({ engine: z.enum(['opa', 'sentinel', 'checkov']).default('opa'), policy_set: name.default('baseline') }),
  apply: work({ tool: z.enum(IAC_TOOLS).default('terraform'), workspace }),
  drift_check: work({ tool: z.enum(IAC_TOOLS).default('terraform'), workspace }),
  sast: work({ tool: z.enum(['semgrep', 'codeql', 'sonarqube']).default('semgrep') }),
  dependency_scan: work({ fail_on: z.enum(SEVERITIES).default('high') }),
  secrets_scan: work({ tool: z.enum(['gitleaks', 'trufflehog']).default('gitleaks') }),
  sbom: work({ format: z.enum(['cyclonedx', 'spdx']).default('cyclonedx') }),
  image_sign: work({ image: image.optional(), signer: z.enum(['cosign', 'notation']).default('cosign') }),
  image_scan: work({ image: image.optional(), fail_on: z.enum(SEVERITIES).default('critical') }),
  security_gate: work({ max_severity: z.enum(SEVERITIES).default('medium') }),
} satisfies Record<(typeof FLOW_WORK_KINDS)[number], z.ZodType>

/** One zod schema per kind's config. */
export const configSchemas = {
  source: z.object({
    repository: z.string().min(1),
    branch: z.string().min(1).default('main'),
    version: z.string().min(1).optional(),
  }),
  build: workConfig,
  test: workConfig,
  security_scan: workConfig,
  approval: z.object({
    environment: environmentKey.optional(),
    required_approvals: z.number().int().min(1).max(10).default(1),
    timeout_minutes: z.number().int().min(1).optional(),
  }),
  deploy: z.object({
    environment: environmentKey,
    strategy: z.enum(DEPLOY_STRATEGIES).default('rolling'),
    duration_ms: durationMs.default(0),
    version: z.string().min(1).optional(),
  }),
  checkpoint: z.object({ label: z.string().optional() }),
  rollback: z.object({
    environment: environmentKey,
    to_version: z.string().min(1).optional(),
  }),
  parallel_group: z.object({}),
  notify: z.object({
    channel: z.enum(['in_app', 'email', 'webhook']).default('in_app'),
    message: z.string().min(1),
  }),
  wait: z.object({ duration_ms: durationMs }),
  ...flowWorkSchemas,
} satisfies Record<NodeKind, z.ZodType>

export type NodeConfig<K extends NodeKind> = z.infer<(typeof configSchemas)[K]>

const position = z.object({ x: z.number(), y: z.number() })

function nodeSchema<K extends NodeKind>(kind: K) {
  return z.object({
    id: z.string().min(1),
    kind: z.literal(kind),
    label: z.string().optional(),
    config: configSchemas[kind],
    position: position.optional(),
  })
}

/** A pipeline node: a discriminated union on `kind`, each with its own config. */
export const pipelineNodeSchema = z.discriminatedUnion('kind', [
  nodeSchema('source'), nodeSchema('build'), nodeSchema('test'), nodeSchema('security_scan'),
  nodeSchema('approval'), nodeSchema('deploy'), nodeSchema('checkpoint'), nodeSchema('rollback'),
  nodeSchema('parallel_group'), nodeSchema('notify'), nodeSchema('wait'),
  ...FLOW_WORK_KINDS.map(nodeSchema),
])
export type PipelineNode = z.infer<typeof pipelineNodeSchema>

export const EDGE_CONDITIONS = ['success', 'failure', 'always'] as const
export type EdgeCondition = (typeof EDGE_CONDITIONS)[number]

/** An edge runs its target when the source finished with a matching outcome (default: success). */
export const pipelineEdgeSchema = z.object({
  source: z.string().min(1),
  target: z.string().min(1),
  on: z.enum(EDGE_CONDITIONS).default('success'),
})
export type PipelineEdge = z.infer<typeof pipelineEdgeSchema>

export interface Pipeline {
  nodes: PipelineNode[]
  edges: PipelineEdge[]
}

/** The environment a node acts on or gates, if any. */
export function nodeEnvironment(node: { kind: string; config?: unknown }): string | undefined {
  if (node.kind !== 'deploy' && node.kind !== 'rollback' && node.kind !== 'approval') return undefined
  const env = (node.config as { environment?: unknown } | null)?.environment
  return typeof env === 'string' ? env : undefined
}

export function isNodeKind(value: unknown): value is NodeKind {
  return typeof value === 'string' && (NODE_KINDS as readonly string[]).includes(value)
}
