import { EmptyState, ErrorState, LoadingRows } from '../../../components/states.tsx'
import { useIntegrations } from '../api/list-integrations.ts'
import { AddIntegrationForm } from './add-integration-form.tsx'
import { IntegrationCard } from './integration-card.tsx'
import { SectionHeading } from './section-heading.tsx'

export function IntegrationsSection({ projectId, userId, canManage }: { projectId: string; userId: string; canManage: boolean }) {
  const integrations = useIntegrations(projectId)
  return (
    <section aria-labelledby="integrations-heading" className="flex flex-col gap-3">
      <SectionHeading id="integrations-heading" title="GitHub repositories" step="Steps 1–2"
        description="Each connected repository gets a webhook: paste its payload URL and secret into GitHub."
        action={canManage && <AddIntegrationForm projectId={projectId} userId={userId} />} />
      {integrations.isPending ? <LoadingRows />
        : integrations.isError ? <ErrorState error={integrations.error} onRetry={() => void integrations.refetch()} />
        : integrations.data.length === 0 ? (
          <EmptyState title="No repository connected"
            description={canManage ? 'Connect a repository to receive its pushes and workflow runs.' : 'An organization admin connects repositories here.'} />
        ) : integrations.data.map((i) => <IntegrationCard key={i.id} integration={i} projectId={projectId} canManage={canManage} />)}
    </section>
  )
}
