import { FlaskConical } from 'lucide-react'
import { Badge } from './ui/badge.tsx'

/** Why a deployment is marked simulated: the engine recorded it, nothing was shipped. */
export const SIMULATED_DEPLOYMENT_TITLE =
  'Simulated: recorded by a run whose deploy step has no real executor, so nothing was actually deployed'

/** The mark beside every deployment (or version) that nothing real produced. */
export function SimulatedBadge({ testId }: { testId?: string }) {
  return (
    <Badge tone="neutral" title={SIMULATED_DEPLOYMENT_TITLE} aria-label={SIMULATED_DEPLOYMENT_TITLE} data-testid={testId ?? 'simulated-badge'}>
      <FlaskConical aria-hidden />simulated
    </Badge>
  )
}
