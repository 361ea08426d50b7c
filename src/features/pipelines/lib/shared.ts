// The pipeline rules shared with the edge functions: imported from one place so the builder never copies them.
export {
  NODE_KINDS, WORK_KINDS, DEPLOY_STRATEGIES, STEP_OUTCOMES, EXECUTOR_TYPES, IAC_TOOLS, SEVERITIES, configSchemas, isNodeKind,
  isWorkKind, FLOW_WORK_KINDS, type NodeKind, type NodeConfig, type EdgeCondition,
} from '../../../../supabase/functions/_shared/pipeline/kinds.ts'
export { FLOW_STAGE_LABELS, FLOW_TYPE_LABELS, FLOW_TYPES, flowPalette, type FlowType } from '../../../../supabase/functions/_shared/pipeline/flow-types.ts'
export { mayFollow } from '../../../../supabase/functions/_shared/pipeline/follow-rules.ts'
export {
  validateGraph, isRunnable, type GraphIssue, type EnvironmentRule, type IssueSeverity,
} from '../../../../supabase/functions/_shared/pipeline/graph.ts'
export { toStored, type DraftPipeline } from '../../../../supabase/functions/_shared/pipeline/stored.ts'
export { readStoredGraph } from '../../../../supabase/functions/_shared/engine/stored-graph.ts'
