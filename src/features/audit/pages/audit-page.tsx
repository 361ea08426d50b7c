import { EmptyState, PageHeader } from '../../../components/states.tsx'
import { can } from '../../../lib/permissions.ts'
import { useProject, useWorkspace } from '../../../lib/workspace.ts'
import { AuditLog } from '../components/audit-log.tsx'
import { VerifyChain } from '../components/verify-chain.tsx'

export default function AuditPage() {
  const { role } = useWorkspace()
  const project = useProject()
  if (!can(role, 'readAudit')) {
    return (
      <>
        <PageHeader title="Audit trail" />
        <EmptyState title="Only admins can read the audit trail" description={`Ask an admin of ${project.organizationName} if you need an entry.`} />
      </>
    )
  }
  return (
    <>
      <PageHeader
        title="Audit trail"
        description={`Every governed change in ${project.organizationName}, newest first. Entries are append-only and hash-chained.`}
        actions={<VerifyChain />}
      />
      <AuditLog orgId={project.organizationId} />
    </>
  )
}
