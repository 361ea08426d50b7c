import { Link } from 'react-router'
import { Alert } from '../../../components/ui/alert.tsx'
import { Button } from '../../../components/ui/button.tsx'
import { useWorkspace } from '../../../lib/workspace.ts'
import { useOnboardingState } from '../api/onboarding-state.ts'
import { isOpen, STEP_LABELS, STEPS } from '../lib/onboarding.ts'

/** Reminds an admin of an organization whose setup they started and did not finish or dismiss. */
export function OnboardingBanner() {
  const { user, organization, role } = useWorkspace()
  const state = useOnboardingState(user.id, organization?.id ?? '')
  if (!organization || role !== 'admin' || !state.data?.started || !isOpen(state.data)) return null
  const position = STEPS.indexOf(state.data.step) + 1
  return (
    <Alert className="mb-4 flex flex-wrap items-center justify-between gap-2" data-testid="onboarding-banner">
      <span>Finish setting up {organization.name}: step {position} of {STEPS.length}, {STEP_LABELS[state.data.step].toLowerCase()}.</span>
      <Button asChild size="sm" variant="outline"><Link to="/onboarding">Continue setup</Link></Button>
    </Alert>
  )
}
