import { Plus } from 'lucide-react'
import { useState } from 'react'
import { useSearchParams } from 'react-router'
import { EmptyState, ErrorState, LoadingRows, PageHeader } from '../../../components/states.tsx'
import { Button } from '../../../components/ui/button.tsx'
import { Sheet, SheetContent } from '../../../components/ui/sheet.tsx'
import { can } from '../../../lib/permissions.ts'
import { useProject, useWorkspace } from '../../../lib/workspace.ts'
import { useConnectionStatuses } from '../api/get-connection-statuses.ts'
import { CONNECTIONS_PAGE_SIZE, useConnections } from '../api/get-connections.ts'
import { useLiveConnections } from '../api/use-live-connections.ts'
import { ConnectionDetail } from '../components/connection-detail.tsx'
import { ConnectionFormDialog } from '../components/connection-form-dialog.tsx'
import { ConnectionList } from '../components/connection-list.tsx'
import { StatusSummary } from '../components/status-summary.tsx'

/** The organization's connections: status at a glance, Check now, CRUD for admins, history in a side panel (?id=). */
export default function ConnectionsPage() {
  const { role } = useWorkspace()
  const project = useProject()
  const orgId = project.organizationId
  const [params, setParams] = useSearchParams()
  const [page, setPage] = useState(0)
  const type = params.get('type') ?? ''
  const openId = params.get('id')
  const canManage = can(role, 'manageConnections')
  const canCheck = can(role, 'checkConnections')
  useLiveConnections(orgId)
  const statuses = useConnectionStatuses(orgId)
  const list = useConnections(orgId, type, page)

  const update = (change: Record<string, string | null>) => setParams((current) => {
    const next = new URLSearchParams(current)
    for (const [key, value] of Object.entries(change)) {
      if (value) next.set(key, value)
      else next.delete(key)
    }
    return next
  })
  const open = (id: string | null) => update({ id })
  const pages = Math.max(1, Math.ceil((list.data?.total ?? 0) / CONNECTIONS_PAGE_SIZE))
  const addButton = (
    <ConnectionFormDialog orgId={orgId} onSaved={open} trigger={<Button><Plus aria-hidden />Add connection</Button>} />
  )

  return (
    <>
      <PageHeader
        title="Connections"
        description={`GitHub, Azure, AKS, container registries and OTel collectors of ${project.organizationName}, checked on demand and on a schedule.`}
        actions={canManage ? addButton : undefined}
      />
      {statuses.data && statuses.data.total > 0 && (
        <StatusSummary summary={statuses.data} type={type} onType={(t) => { update({ type: t || null }); setPage(0) }} />
      )}
      {list.isPending ? <LoadingRows rows={5} />
        : list.isError ? <ErrorState error={list.error} onRetry={() => void list.refetch()} />
        : list.data.total === 0 ? (
          <EmptyState
            title={type ? 'No connections of this type' : 'No connections yet'}
            description={canManage
              ? 'Add one with Add connection: pick the type, fill in what it points at, and name the function secret that holds its credential (set it with `supabase secrets set NAME=…`). Then press Check now.'
              : `An admin of ${project.organizationName} adds connections here; you will see their health once they do.`}
            action={canManage && !type ? addButton : undefined}
          />
        ) : (
          <div className="flex flex-col gap-2">
            <ConnectionList orgId={orgId} rows={list.data.rows} canManage={canManage} canCheck={canCheck} onOpen={open} />
            {pages > 1 && (
              <nav className="flex items-center justify-end gap-2 text-sm" aria-label="Connection pages">
                <span className="text-muted-foreground">Page {page + 1} of {pages}</span>
                <Button size="sm" variant="outline" disabled={page === 0} onClick={() => setPage((p) => p - 1)}>Previous</Button>
                <Button size="sm" variant="outline" disabled={page + 1 >= pages} onClick={() => setPage((p) => p + 1)}>Next</Button>
              </nav>
            )}
          </div>
        )}
      <Sheet open={!!openId} onOpenChange={(next) => { if (!next) open(null) }}>
        <SheetContent aria-describedby={undefined}>
          {openId && <ConnectionDetail key={openId} id={openId} canManage={canManage} canCheck={canCheck} onClose={() => open(null)} />}
        </SheetContent>
      </Sheet>
    </>
  )
}
