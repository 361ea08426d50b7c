import type { NodeKind } from './kinds.ts'

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
 *
 * Why: nothing precedes the source; nothing ships straight from the source without a work stage; an approval
 * gates a deploy or a rollback, not more building; a deploy may be followed by smoke tests, a promotion gate or
 * the next environment; a rollback ends a path except for bookkeeping. Checkpoint, notify and wait are
 * pass-through, so they take the rule of whatever they sit between only loosely (anything but source).
 */
export const ALLOWED_SUCCESSORS: Record<NodeKind, readonly NodeKind[]> = {
  source: ['build', 'test', 'security_scan', 'parallel_group', 'checkpoint', 'notify', 'wait'],
  build: ['build', 'test', 'security_scan', 'approval', 'deploy', 'parallel_group', 'checkpoint', 'notify', 'wait'],
  test: ['build', 'test', 'security_scan', 'approval', 'deploy', 'rollback', 'parallel_group', 'checkpoint', 'notify', 'wait'],
  security_scan: ['build', 'test', 'security_scan', 'approval', 'deploy', 'rollback', 'parallel_group', 'checkpoint', 'notify', 'wait'],
  parallel_group: ['build', 'test', 'security_scan', 'approval', 'deploy', 'parallel_group', 'checkpoint', 'notify', 'wait'],
  approval: ['deploy', 'rollback', 'parallel_group', 'checkpoint', 'notify', 'wait'],
  deploy: ['test', 'security_scan', 'approval', 'deploy', 'rollback', 'parallel_group', 'checkpoint', 'notify', 'wait'],
  checkpoint: ['build', 'test', 'security_scan', 'approval', 'deploy', 'rollback', 'parallel_group', 'checkpoint', 'notify', 'wait'],
  rollback: ['checkpoint', 'notify', 'wait'],
  notify: ['build', 'test', 'security_scan', 'approval', 'deploy', 'rollback', 'parallel_group', 'checkpoint', 'notify', 'wait'],
  wait: ['build', 'test', 'security_scan', 'approval', 'deploy', 'rollback', 'parallel_group', 'checkpoint', 'notify', 'wait'],
}

/** Whether an edge from a node of kind `from` to one of kind `to` is allowed. */
export function mayFollow(from: NodeKind, to: NodeKind): boolean {
  return ALLOWED_SUCCESSORS[from].includes(to)
}
