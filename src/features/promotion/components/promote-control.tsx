import type { BoardEnvironment } from '../../environments/api/get-environment-board.ts'
import { RefusedButton } from '../../environments/components/refused-button.tsx'
import type { ControlState } from '../../environments/lib/environment-actions.ts'
import type { SourceOption } from '../lib/promotion-summary.ts'
import { PromoteDialog } from './promote-dialog.tsx'

/**
 * The Promote button as the caller's deploy decision allows it: the dialog when enabled, the refusal with the
 * database's sentence when an admin denied deploy. Loaded lazily: the board also shows on the home page, whose
 * first load should not carry a dialog and a tooltip for a button few people press.
 */
export default function PromoteControl({ env, state, sources, chain, frozen }: {
  env: BoardEnvironment
  state: Exclude<ControlState, { kind: 'hidden' }>
  sources: SourceOption[]
  chain: readonly BoardEnvironment[]
  frozen: boolean
}) {
  if (state.kind === 'disabled') return <RefusedButton reason={state.reason}>Promote to {env.key}</RefusedButton>
  return <PromoteDialog target={env} sources={sources} chain={chain} frozen={frozen} />
}
