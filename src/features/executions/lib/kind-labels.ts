import type { Enums } from '../../../integrations/supabase/types.ts'
import { FLOW_STAGE_LABELS } from '../../../../supabase/functions/_shared/pipeline/flow-types.ts'

/** How a node's kind reads on its card (the legacy kinds too: older runs hold `simulated` and `github_workflow`). */
export const KIND_LABELS = {
  source: 'Source',
  build: 'Build',
  test: 'Test',
  security_scan: 'Security scan',
  approval: 'Approval gate',
  deploy: 'Deploy',
  checkpoint: 'Checkpoint',
  rollback: 'Rollback',
  parallel_group: 'Parallel group',
  notify: 'Notify',
  wait: 'Wait',
  simulated: 'Step',
  github_workflow: 'GitHub workflow',
  ...FLOW_STAGE_LABELS,
} satisfies Record<Enums<'node_kind'>, string>

export const kindLabel = (kind: string) => (KIND_LABELS as Record<string, string>)[kind] ?? kind
