import { Stethoscope } from 'lucide-react'
import { useNavigate } from 'react-router'
import { Button } from '../../../components/ui/button.tsx'
import { toast } from '../../../components/ui/toaster.tsx'
import { can } from '../../../lib/permissions.ts'
import { useWorkspace } from '../../../lib/workspace.ts'
import { useStartSmokeTest } from '../api/start-smoke-test.ts'

/** Runs the built-in (simulated) smoke checks against this environment and opens the run. Operators and admins. */
export function SmokeTestButton({ environmentId, environmentName }: { environmentId: string; environmentName: string }) {
  const { role } = useWorkspace()
  const navigate = useNavigate()
  const start = useStartSmokeTest(environmentId)
  if (!can(role, 'startExecutions')) return null
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
