import { FLOW_WORK_KINDS, WORK_KINDS, type NodeKind } from './kinds.ts'

/**
 * Which kind may follow which (edge source kind → allowed target kinds).
 *
 * | after            | may come next                                                              |
 * |------------------|----------------------------------------------------------------------------|
 * | source           | build, test, security_scan, parallel_group, checkpoint, notify, wait      |
 * | build            | any work stage, approval, deploy, parallel_group, checkpoint, notify, wait |
 * | test             | same as build, plus rollback                                               |
 * | security_scan    | same as test                                                               |
 * | parallel_group   | any work stage, approval, deploy, parallel_group, checkpoint, notify, wait |
 * | approval         | deploy, rollback, parallel_group, checkpoint, notify, wait                 |
 * | deploy           | test, security_scan, approval, deploy, rollback, parallel_group, checkpoint, notify, wait |
 * | checkpoint       | anything but source                                                        |
 * | rollback         | checkpoint, notify, wait                                                   |
 * | notify           | anything but source                                                        |
 * | wait             | anything but source                                                        |
 * | flow-type stages | same as test (data validation, train, plan, SAST, …)                       |
 *
 * The flow-type stages (kinds.ts FLOW_WORK_KINDS) are work stages: wherever "any work stage" is allowed, they
 * are too. An approval may also gate the ones that ship or promote (register model, deploy model, canary,
 * apply); after a deploy, anything but rebuilding from source (build, train) may follow.
 *
 * Why: nothing precedes the source; nothing ships straight from the source without a work stage; an approval
 * gates a deploy or a rollback, not more building; a deploy may be followed by smoke tests, a promotion gate or
 * the next environment; a rollback ends a path except for bookkeeping. Checkpoint, notify and wait are
 * pass-through, so they take the rule of whatever they sit between only loosely (anything but source).
 */
const FLOW = FLOW_WORK_KINDS
const WORK = [...WORK_KINDS] as const
/** Stages that make the artifact from the source: nothing after a deploy rebuilds it. */
const FROM_SOURCE = ['build', 'train'] as const satisfies readonly NodeKind[]
/** Flow-type stages that ship or promote something, so an approval may gate them. */
export const GATED_STAGES = ['register_model', 'deploy_model', 'canary', 'apply'] as const satisfies readonly NodeKind[]
const AFTER_WORK: readonly NodeKind[] = [...WORK, 'approval', 'deploy', 'rollback', 'parallel_group', 'checkpoint', 'notify', 'wait']

export const ALLOWED_SUCCESSORS: Record<NodeKind, readonly NodeKind[]> = {
  source: ['build', 'test', 'security_scan', ...FLOW, 'parallel_group', 'checkpoint', 'notify', 'wait'],
  build: [...WORK, 'approval', 'deploy', 'parallel_group', 'checkpoint', 'notify', 'wait'],
  test: AFTER_WORK,
  security_scan: AFTER_WORK,
  parallel_group: [...WORK, 'approval', 'deploy', 'parallel_group', 'checkpoint', 'notify', 'wait'],
  approval: ['deploy', 'rollback', ...GATED_STAGES, 'parallel_group', 'checkpoint', 'notify', 'wait'],
  deploy: [...WORK.filter((k) => !(FROM_SOURCE as readonly string[]).includes(k)), 'approval', 'deploy', 'rollback', 'parallel_group', 'checkpoint', 'notify', 'wait'],
  checkpoint: AFTER_WORK,
  rollback: ['checkpoint', 'notify', 'wait'],
  notify: AFTER_WORK,
  wait: AFTER_WORK,
  ...Object.fromEntries(FLOW.map((kind) => [kind, AFTER_WORK])) as Record<(typeof FLOW)[number], readonly NodeKind[]>,
}

/** Whether an edge from a node of kind `from` to one of kind `to` is allowed. */
export function mayFollow(from: NodeKind, to: NodeKind): boolean {
  return ALLOWED_SUCCESSORS[from].includes(to)
}
