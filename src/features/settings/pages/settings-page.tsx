import { PageHeader } from '../../../components/states.tsx'
import { can } from '../../../lib/permissions.ts'
import { useProject, useWorkspace } from '../../../lib/workspace.ts'
import { useIntegrations } from '../api/list-integrations.ts'
import { BranchMappingsSection } from '../components/branch-mappings-section.tsx'
import { IntegrationsSection } from '../components/integrations-section.tsx'
import { TokenSection } from '../components/token-section.tsx'

/** Connecting GitHub to the current project, in docs/github.md's order: repositories and webhooks, token, mappings. */
export default function SettingsPage() {
  const { user, role } = useWorkspace()
  const project = useProject()
  const canManage = can(role, 'manageIntegrations')
  const integrations = useIntegrations(project.id)
  const list = integrations.data ?? []
  return (
    <>
      <PageHeader title="Settings"
        description={`GitHub for ${project.name}: webhooks in, the organization's token out, and which pushes start which pipelines.${canManage ? '' : ' Read-only: organization admins change these.'}`} />
      <div className="flex flex-col gap-10">
        <IntegrationsSection projectId={project.id} userId={user.id} canManage={canManage} />
        <TokenSection orgId={project.organizationId} orgName={project.organizationName} canManage={canManage}
          repositories={list.map((i) => `${i.repository_owner}/${i.repository_name}`)} />
        <BranchMappingsSection projectId={project.id} integrations={list} canManage={canManage} />
      </div>
    </>
  )
}
