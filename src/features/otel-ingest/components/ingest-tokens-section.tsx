import { useState } from 'react'
import { ConfirmDialog } from '../../../components/confirm-dialog.tsx'
import { CopyField } from '../../../components/copy-field.tsx'
import { ErrorState, LoadingRows } from '../../../components/states.tsx'
import { Alert } from '../../../components/ui/alert.tsx'
import { Badge } from '../../../components/ui/badge.tsx'
import { Button } from '../../../components/ui/button.tsx'
import { NativeSelect } from '../../../components/ui/input.tsx'
import { formatDateTime, timeAgo } from '../../../lib/format.ts'
import { useWorkspace } from '../../../lib/workspace.ts'
import { useIngestTokens, useIssueIngestToken, useRevokeIngestToken } from '../api/ingest-tokens.ts'

/** An OTLP connection's ingest tokens: which project each files signals under, last use, revoked; admins issue and revoke. */
export function IngestTokensSection({ connectionId, canManage }: { connectionId: string; canManage: boolean }) {
  const { projects } = useWorkspace()
  const tokens = useIngestTokens(connectionId)
  const issue = useIssueIngestToken(connectionId)
  const revoke = useRevokeIngestToken(connectionId)
  const [projectId, setProjectId] = useState(projects[0]?.id ?? '')
  const [shown, setShown] = useState<string | null>(null)
  return (
    <section aria-labelledby="ingest-tokens-heading" className="flex flex-col gap-2" data-testid="ingest-tokens">
      <h3 id="ingest-tokens-heading" className="text-sm font-medium">Ingest tokens</h3>
      <p className="text-xs text-muted-foreground">An exporter sends OTLP to <code>/functions/v1/otel-adapter</code> with <code>Authorization: Bearer &lt;token&gt;</code>; its signals are filed under the token's project.</p>
      {canManage && (
        <div className="flex flex-wrap items-center gap-2">
          <NativeSelect aria-label="Project" value={projectId} onChange={(e) => setProjectId(e.target.value)}>
            {projects.map((p) => <option key={p.id} value={p.id}>{p.name}</option>)}
          </NativeSelect>
          <Button size="sm" disabled={!projectId || issue.isPending} onClick={() => void issue.mutateAsync(projectId).then((t) => setShown(t.token), () => {})}>Issue token</Button>
        </div>
      )}
      {issue.error && <Alert tone="danger" role="alert">{issue.error.message}</Alert>}
      {shown && (
        <Alert tone="warning" data-testid="issued-token">
          <p className="mb-1 text-xs">Shown once: put it in your exporter's headers now. It replaces that project's previous token.</p>
          <CopyField value={shown} label="ingest token" testId="issued-token-value" />
        </Alert>
      )}
      {tokens.isPending ? <LoadingRows rows={2} />
        : tokens.isError ? <ErrorState error={tokens.error} onRetry={() => void tokens.refetch()} />
        : tokens.data.length === 0 ? <p className="text-xs text-muted-foreground">No token yet.</p>
        : (
          <ul className="flex flex-col gap-1 text-sm">
            {tokens.data.map((t) => (
              <li key={t.id} className="flex flex-wrap items-center gap-2 rounded-md border px-2 py-1" data-testid="ingest-token">
                <code className="font-mono text-xs">…{t.token_hint}</code>
                <span>{t.projects?.name ?? 'project'}</span>
                <span className="text-xs text-muted-foreground" title={formatDateTime(t.created_at)}>issued {timeAgo(t.created_at)}</span>
                <span className="text-xs text-muted-foreground" data-testid="ingest-token-used">{t.last_used_at ? `last used ${timeAgo(t.last_used_at)}` : 'never used'}</span>
                {t.revoked_at ? <Badge tone="neutral">revoked</Badge> : <Badge tone="success">active</Badge>}
                {canManage && !t.revoked_at && (
                  <ConfirmDialog trigger={<Button size="sm" variant="outline">Revoke</Button>} title={`Revoke the token …${t.token_hint}?`}
                    description="Exporters sending it are refused (401) from now on; signals already received stay."
                    confirmLabel="Revoke token" onConfirm={() => revoke.mutateAsync(t.id)} />
                )}
              </li>
            ))}
          </ul>
        )}
    </section>
  )
}
