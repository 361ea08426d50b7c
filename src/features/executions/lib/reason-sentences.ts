import type { ExecutionReason, NodeReason } from '../../../../supabase/functions/_shared/pipeline/engine-types.ts'

type Reason = NodeReason | ExecutionReason

/** What each engine reason code means, as a sentence for the run timeline. */
const reasonMeta = {
  ready: 'Every step before it finished, so it started.',
  path_not_taken: 'Skipped: the path leading here was not taken.',
  blocked_by_cycle: 'Skipped: it sits in a loop of steps that wait for each other.',
  completed: 'Finished.',
  simulated_finished: 'The simulated step finished with its configured outcome (nothing real ran).',
  external_result: 'Finished with the result reported from outside.',
  approved: 'Approved.',
  rejected: 'Rejected.',
  approval_expired: 'The approval request expired before enough people approved.',
  deployed: 'The deployment was recorded.',
  environment_locked: 'The environment is locked.',
  invalid_config: 'Its settings are not valid.',
  unknown_kind: 'The engine does not know this kind of step.',
  cancelled: 'Cancelled.',
  waited: 'The wait is over.',
  deploy_refused: 'The deployment was refused.',
  workflow_finished: 'The GitHub workflow run finished.',
  dispatch_failed: 'GitHub refused to start the workflow.',
  timed_out: 'Timed out.',
  waiting_for_environment: 'Waiting in the environment\'s queue until it opens.',
  environment_open: 'The environment opened, so the deployment went ahead.',
  started: 'The run started.',
  awaiting_approval: 'Paused: waiting for approvals.',
  awaiting_environment: 'Paused: waiting for an environment to open.',
  resumed: 'Resumed.',
  finished: 'The run finished.',
} satisfies Record<Reason, string>

const isReason = (code: string): code is Reason => Object.hasOwn(reasonMeta, code)

const sentence = (text: string) => {
  const trimmed = text.trim()
  const capital = trimmed.charAt(0).toUpperCase() + trimmed.slice(1)
  return /[.!?…)”"]$/.test(capital) ? capital : `${capital}.`
}

/**
 * A state event's reason (`code` or `code: detail`, as engine_apply and the vote triggers write it) as words:
 * the code's sentence, then the detail (a voter's comment, a refusal) as its own sentence. A text that is not a
 * known code is shown as it is, made a sentence.
 */
export function reasonSentence(reason: string): string {
  const colon = reason.indexOf(':')
  const code = (colon === -1 ? reason : reason.slice(0, colon)).trim()
  const detail = colon === -1 ? '' : reason.slice(colon + 1).trim()
  if (!isReason(code)) return sentence(reason)
  const meaning = reasonMeta[code]
  return detail ? `${meaning.replace(/\.$/, ':')} ${sentence(detail)}` : meaning
}

/**
 * A run's error_message as words: engine_apply writes `Node "<name>" failed: <detail or reason code>`, and when
 * the node left no detail the code is translated.
 */
export function failureSentence(message: string): string {
  const match = /^(Node ".*" failed): ([a-z_]+)$/.exec(message)
  if (!match || !isReason(match[2])) return message
  return `${match[1]}: ${reasonMeta[match[2]].charAt(0).toLowerCase()}${reasonMeta[match[2]].slice(1)}`
}
