import type { Enums } from '../integrations/supabase/types.ts'

export type AppRole = Enums<'app_role'>

/**
 * What each organization role may do, as the RLS policies and edge functions decide it (docs/data-model.md).
 * The UI uses this only to hide or disable what would be refused; the database is what refuses. Actions on one
 * environment (deploy, roll back, lock, approve…) are not here: environment_actions decides those, grants included.
 */
const minimumRole = {
  viewPipelines: 'viewer',
  editPipelines: 'operator',
  deletePipelines: 'admin',
  startExecutions: 'operator',
  cancelExecutions: 'operator',
  readAudit: 'admin',
  manageMembers: 'admin',
  /** Editing an environment's grants (environment_permissions); what each grant allows is environment_actions'. */
  manageEnvironmentPermissions: 'admin',
  manageConnections: 'admin',
  checkConnections: 'operator',
  manageIntegrations: 'admin',
} as const satisfies Record<string, AppRole>

export type Action = keyof typeof minimumRole

const rank: Record<AppRole, number> = { admin: 0, operator: 1, viewer: 2 }

export function can(role: AppRole | null | undefined, action: Action): boolean {
  return role != null && rank[role] <= rank[minimumRole[action]]
}
