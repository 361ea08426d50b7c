import { PlugZap } from 'lucide-react'
import { useState } from 'react'
import { Alert } from '../../../components/ui/alert.tsx'
import { Badge } from '../../../components/ui/badge.tsx'
import { Button } from '../../../components/ui/button.tsx'
import { Label } from '../../../components/ui/label.tsx'
import { NativeSelect } from '../../../components/ui/input.tsx'
import { useCheckGithubConnection, type ConnectionCheck } from '../api/check-github-connection.ts'

const tone = { healthy: 'success', degraded: 'warning', down: 'danger', unknown: 'info' } as const satisfies Record<ConnectionCheck['status'], string>

/** "Check connection": the saved token's scopes and, optionally, access to one connected repository. */
export function CheckConnection({ orgId, repositories }: { orgId: string; repositories: string[] }) {
  const check = useCheckGithubConnection(orgId)
  const [repository, setRepository] = useState(repositories[0] ?? '')
  const missing = check.data?.details?.missing_scopes ?? []
  return (
    <div className="flex flex-col gap-2 border-t pt-3">
      <div className="flex flex-wrap items-end gap-2">
        {repositories.length > 0 && (
          <div className="flex flex-col gap-1.5">
            <Label htmlFor="check-repository">Repository to check</Label>
            <NativeSelect id="check-repository" value={repository} onChange={(e) => setRepository(e.target.value)}>
              <option value="">Token only</option>
              {repositories.map((r) => <option key={r} value={r}>{r}</option>)}
            </NativeSelect>
          </div>
        )}
        <Button variant="outline" onClick={() => check.mutate(repository || undefined)} disabled={check.isPending}>
          <PlugZap className="size-4" aria-hidden />{check.isPending ? 'Checking…' : 'Check connection'}
        </Button>
      </div>
      {check.isError && <Alert tone="danger">{check.error.message}</Alert>}
      {check.data && (
        <Alert tone={tone[check.data.status]} data-testid="connection-check">
          <p className="font-medium"><span className="capitalize">{check.data.status}</span> · {check.data.response_time_ms} ms</p>
          <p>{check.data.message}</p>
          {missing.length > 0 && (
            <p className="mt-1 flex flex-wrap items-center gap-1">Missing scopes: {missing.map((s) => <Badge key={s} tone="warning">{s}</Badge>)}</p>
          )}
        </Alert>
      )}
    </div>
  )
}
