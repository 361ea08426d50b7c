import { Stethoscope } from 'lucide-react'
import { useNavigate } from 'react-router'
import { Button } from '../../../components/ui/button.tsx'
import { toast } from '../../../components/ui/toaster.tsx'
import { useStartSmokeTest } from '../api/start-smoke-test.ts'
import type { ControlState } from '../lib/environment-actions.ts'
import { RefusedButton } from './refused-button.tsx'

/**
 * Runs the built-in (simulated) smoke checks against this environment and opens the run. Needs run here
 * (`state`, from environment_actions): hidden without it, disabled with the reason when an admin denied it.
 */
export function SmokeTestButton({ environmentId, environmentName, state }: { environmentId: string; environmentName: string; state: ControlState }) {
  const navigate = useNavigate()
  const start = useStartSmokeTest(environmentId)
  if (state.kind === 'hidden') return null
  if (state.kind === 'disabled') return <RefusedButton reason={state.reason}><Stethoscope aria-hidden /> Run smoke test</RefusedButton>
  return (
    <Button
      variant="outline" size="sm" disabled={start.isPending}
      title="Starts a small built-in pipeline of simulated smoke checks; it deploys nothing"
      onClick={() => start.mutate(undefined, {
        onSuccess: ({ execution_id }) => navigate(`/executions/${execution_id}`),
        onError: (error) => toast({ title: `Could not start a smoke test of ${environmentName}`, description: error.message, tone: 'danger' }),
      })}
    >
      <Stethoscope /> {start.isPending ? 'Starting…' : 'Run smoke test'}
    </Button>
  )
}
