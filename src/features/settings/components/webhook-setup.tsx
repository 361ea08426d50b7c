import { KeyRound, RefreshCw } from 'lucide-react'
import { useState } from 'react'
import { ConfirmDialog } from '../../../components/confirm-dialog.tsx'
import { ErrorState, LoadingRows } from '../../../components/states.tsx'
import { Alert } from '../../../components/ui/alert.tsx'
import { Badge } from '../../../components/ui/badge.tsx'
import { Button } from '../../../components/ui/button.tsx'
import { useGenerateWebhookSecret } from '../api/generate-webhook-secret.ts'
import { useWebhookSettings } from '../api/webhook-settings.ts'
import { CopyField } from '../../../components/copy-field.tsx'

/** What to paste into GitHub → Settings → Webhooks (docs/github.md step 2), and the secret for admins. */
export function WebhookSetup({ integrationId, canManage }: { integrationId: string; canManage: boolean }) {
  const settings = useWebhookSettings(integrationId)
  const generate = useGenerateWebhookSecret(integrationId)
  const [secret, setSecret] = useState<string | null>(null)
  const run = async () => {
    const answer = await generate.mutateAsync()
    setSecret(answer.secret)
  }
  if (settings.isPending) return <LoadingRows rows={2} />
  if (settings.isError) return <ErrorState error={settings.error} onRetry={() => void settings.refetch()} />
  const s = settings.data
  return (
    <div className="flex flex-col gap-3">
      <dl className="grid grid-cols-1 gap-2 text-sm sm:grid-cols-[9rem_minmax(0,1fr)] sm:items-center">
        <dt className="text-muted-foreground">Payload URL</dt>
        <dd><CopyField value={s.payload_url} label="payload URL" testId="payload-url" /></dd>
        <dt className="text-muted-foreground">Content type</dt>
        <dd><code className="font-mono text-xs">{s.content_type}</code></dd>
        <dt className="text-muted-foreground">Events</dt>
        <dd className="flex flex-wrap gap-1">{s.events.map((e) => <Badge key={e}>{e}</Badge>)}</dd>
        <dt className="text-muted-foreground">Secret</dt>
        <dd className="flex flex-wrap items-center gap-2">
          <Badge tone={s.secret_set ? 'success' : 'warning'} data-testid="secret-state">{s.secret_set ? 'Set' : 'Not set yet'}</Badge>
          {canManage && !s.secret_set && (
            <Button size="sm" onClick={() => void run().catch(() => undefined)} disabled={generate.isPending}>
              <KeyRound className="size-4" aria-hidden />Generate secret
            </Button>
          )}
          {canManage && s.secret_set && (
            <ConfirmDialog
              trigger={<Button size="sm" variant="outline" disabled={generate.isPending}><RefreshCw className="size-4" aria-hidden />Regenerate secret</Button>}
              title="Regenerate the webhook secret?"
              description="The current secret stops working at once: GitHub's deliveries are refused (401) until you paste the new secret into the repository's webhook settings."
              confirmLabel="Regenerate"
              onConfirm={() => run().catch(() => undefined)}
            />
          )}
        </dd>
      </dl>
      {generate.isError && <Alert tone="danger">{generate.error.message}</Alert>}
      {secret && (
        <Alert tone="warning" className="flex flex-col gap-2">
          <p className="font-medium">Shown once: paste it into GitHub now.</p>
          <p className="text-xs">Opzenix stores it encrypted and cannot show it again. If you lose it, regenerate and update GitHub.</p>
          <CopyField value={secret} label="webhook secret" testId="webhook-secret" />
          <div><Button size="sm" variant="ghost" onClick={() => setSecret(null)}>I have copied it</Button></div>
        </Alert>
      )}
    </div>
  )
}
