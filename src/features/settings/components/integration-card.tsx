import { FolderGit2, GitBranch, Trash2 } from 'lucide-react'
import { ConfirmDialog } from '../../../components/confirm-dialog.tsx'
import { Alert } from '../../../components/ui/alert.tsx'
import { Badge } from '../../../components/ui/badge.tsx'
import { Button } from '../../../components/ui/button.tsx'
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '../../../components/ui/card.tsx'
import { useChangeIntegration } from '../api/change-integration.ts'
import type { Integration } from '../api/list-integrations.ts'
import { DeliveriesList } from './deliveries-list.tsx'
import { WebhookSetup } from './webhook-setup.tsx'

/** One connected repository: its webhook setup card and its recent deliveries. */
export function IntegrationCard({ integration, projectId, canManage }: { integration: Integration; projectId: string; canManage: boolean }) {
  const { setActive, remove } = useChangeIntegration(projectId)
  const repo = `${integration.repository_owner}/${integration.repository_name}`
  const failure = setActive.error ?? remove.error
  return (
    <Card aria-label={repo} data-testid="integration-card">
      <CardHeader>
        <div className="flex flex-col gap-1">
          <CardTitle className="flex items-center gap-2 text-base"><FolderGit2 className="size-4" aria-hidden />{repo}
            <Badge tone={integration.is_active ? 'success' : 'neutral'}>{integration.is_active ? 'Active' : 'Inactive'}</Badge>
          </CardTitle>
          <CardDescription className="flex items-center gap-3">
            <span className="inline-flex items-center gap-1"><GitBranch className="size-3" aria-hidden />{integration.default_branch}</span>
            <code className="font-mono">{integration.workflow_file}</code>
          </CardDescription>
        </div>
        {canManage && (
          <div className="flex gap-2">
            {integration.is_active ? (
              <ConfirmDialog
                trigger={<Button size="sm" variant="outline">Deactivate</Button>}
                title={`Deactivate ${repo}?`}
                description="GitHub's deliveries are refused (404) until you activate it again; nothing is deleted."
                confirmLabel="Deactivate"
                onConfirm={() => setActive.mutateAsync({ id: integration.id, active: false }).catch(() => undefined)}
              />
            ) : (
              <Button size="sm" variant="outline" onClick={() => setActive.mutate({ id: integration.id, active: true })}>Activate</Button>
            )}
            <ConfirmDialog
              trigger={<Button size="sm" variant="ghost" aria-label={`Disconnect ${repo}`}><Trash2 className="size-4" aria-hidden /></Button>}
              title={`Disconnect ${repo}?`}
              description="The integration and its branch mappings are deleted; past deliveries stay in the history. Remove the webhook in GitHub too, or its deliveries will be refused (404)."
              confirmLabel="Disconnect"
              onConfirm={() => remove.mutateAsync(integration.id).catch(() => undefined)}
            />
          </div>
        )}
      </CardHeader>
      <CardContent className="flex flex-col gap-5">
        {failure && <Alert tone="danger">{failure.message}</Alert>}
        <section aria-label="Webhook setup" className="flex flex-col gap-2">
          <h3 className="text-sm font-medium">Webhook (GitHub → Settings → Webhooks → Add webhook)</h3>
          <WebhookSetup integrationId={integration.id} canManage={canManage} />
        </section>
        <section aria-label="Recent deliveries" className="flex flex-col gap-2">
          <h3 className="text-sm font-medium">Recent deliveries</h3>
          <DeliveriesList integrationId={integration.id} />
        </section>
      </CardContent>
    </Card>
  )
}
