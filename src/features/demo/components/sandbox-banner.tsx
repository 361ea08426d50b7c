import { Link } from 'react-router'
import { Alert } from '../../../components/ui/alert.tsx'
import { Button } from '../../../components/ui/button.tsx'
import { formatDateTime } from '../../../lib/format.ts'
import { useWorkspace } from '../../../lib/workspace.ts'
import { useSandbox } from '../api/sandbox.ts'

/** Says, in a demo sandbox, that it is one and when it goes, and leads back to the guided tour. */
export function SandboxBanner() {
  const { organization } = useWorkspace()
  const sandbox = useSandbox(organization?.id)
  if (!sandbox.data) return null
  return (
    <Alert tone="warning" className="mb-4 flex flex-wrap items-center justify-between gap-2" data-testid="sandbox-banner">
      <span>Demo sandbox, made for you without an account: it is deleted on {formatDateTime(sandbox.data.expires_at)}.</span>
      <Button asChild size="sm" variant="outline"><Link to="/demo">Guided tour</Link></Button>
    </Alert>
  )
}
