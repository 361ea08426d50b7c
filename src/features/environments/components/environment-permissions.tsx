import type { UseQueryResult } from '@tanstack/react-query'
import { can } from '../../../lib/permissions.ts'
import { useProject, useWorkspace } from '../../../lib/workspace.ts'
import type { ActionDecision, EnvironmentAction } from '../lib/environment-actions.ts'
import { EnvironmentAccess } from './environment-access.tsx'
import { EnvironmentGrants } from './environment-grants.tsx'

/** The environment page's "Permissions" section: the grants for organization admins, and everyone's own access. */
export function EnvironmentPermissions({ env, actions }: {
  env: { id: string; key: string }
  actions: UseQueryResult<ReadonlyMap<EnvironmentAction, ActionDecision>>
}) {
  const { role } = useWorkspace()
  const project = useProject()
  return (
    <section aria-labelledby="permissions-title" className="flex flex-col gap-4" data-testid="environment-permissions">
      <h2 id="permissions-title" className="text-lg font-semibold">Permissions</h2>
      {can(role, 'manageEnvironmentPermissions') && (
        <EnvironmentGrants envKey={env.key} target={{ environmentId: env.id, projectId: project.id, organizationId: project.organizationId }} />
      )}
      <EnvironmentAccess envKey={env.key} actions={actions} />
    </section>
  )
}
