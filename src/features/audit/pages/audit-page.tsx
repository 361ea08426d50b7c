import { EmptyState, PageHeader } from '../../../components/states.tsx'
import { can } from '../../../lib/permissions.ts'
import { useProject, useWorkspace } from '../../../lib/workspace.ts'
import { AuditLog } from '../components/audit-log.tsx'
import { ExportButtons } from '../components/export-buttons.tsx'
import { VerifyChain } from '../components/verify-chain.tsx'

/** The audit trail of the current organization: filters in the URL, live entries, chain status and export. */
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
        description={`Every governed change in ${project.organizationName}, newest first and live. Entries are append-only and hash-chained.`}
        actions={<div className="flex flex-wrap items-start gap-3"><ExportButtons orgId={project.organizationId} /><VerifyChain /></div>}
      />
      <AuditLog orgId={project.organizationId} />
    </>
  )
}
