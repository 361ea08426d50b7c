// The pipeline rules shared with the edge functions, imported from one place (as the builder does).
export {
  FLOW_TYPES, FLOW_TYPE_LABELS, type FlowType,
} from '../../../../supabase/functions/_shared/pipeline/flow-types.ts'
