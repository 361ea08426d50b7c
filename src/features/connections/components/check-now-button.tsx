import { Activity, Loader2 } from 'lucide-react'
import { Button } from '../../../components/ui/button.tsx'
import { toast } from '../../../components/ui/toaster.tsx'
import { connectionStatusMeta } from '../../../components/status-badge.tsx'
import { formatDuration } from '../../../lib/format.ts'
import { useCheckConnection, type CheckResult } from '../api/check-connection.ts'

const tones = { healthy: 'success', degraded: 'info', down: 'danger', unknown: 'info' } as const

/** Runs connection-health-check now; the result is toasted and handed to `onResult`. */
export function CheckNowButton({ connectionId, name, onResult, size = 'sm' }: {
  connectionId: string
  name: string
  onResult?: (result: CheckResult | { error: string }) => void
  size?: 'sm' | 'default'
}) {
  const check = useCheckConnection()
  const run = () => check.mutate(connectionId, {
    onSuccess: (result) => {
      toast({ title: `${name}: ${connectionStatusMeta[result.status].label} in ${formatDuration(result.response_time_ms)}`, description: result.message, tone: tones[result.status] })
      onResult?.(result)
    },
    onError: (error) => {
      toast({ title: `Could not check ${name}`, description: error.message, tone: 'danger' })
      onResult?.({ error: error.message })
    },
  })
  return (
    <Button size={size} variant="outline" onClick={run} disabled={check.isPending} aria-label={`Check ${name} now`}>
      {check.isPending ? <Loader2 className="animate-spin" aria-hidden /> : <Activity aria-hidden />}
      {check.isPending ? 'Checking…' : 'Check now'}
    </Button>
  )
}
