import { useState } from 'react'
import { StatusBadge } from '../../../components/status-badge.tsx'
import { EmptyState, ErrorState, LoadingRows } from '../../../components/states.tsx'
import { Button } from '../../../components/ui/button.tsx'
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '../../../components/ui/table.tsx'
import { formatDateTime, timeAgo } from '../../../lib/format.ts'
import { queryKeys } from '../../../lib/query-keys.ts'
import { useLiveQueries } from '../../../lib/realtime.ts'
import { DELIVERIES_PAGE_SIZE, useDeliveries, type Delivery } from '../api/list-deliveries.ts'
import { deliveryOutcome } from '../lib/delivery-outcome.ts'

const outcome = (d: Delivery) => deliveryOutcome(d.event, d.result, d.error)

/** Recent deliveries of one integration, live: a new ping shows up as GitHub sends it. */
export function DeliveriesList({ integrationId }: { integrationId: string }) {
  const [page, setPage] = useState(0)
  const deliveries = useDeliveries(integrationId, page)
  useLiveQueries([{ table: 'webhook_deliveries', filter: `github_integration_id=eq.${integrationId}` }], [queryKeys.settings.deliveries(integrationId)])
  if (deliveries.isPending) return <LoadingRows rows={2} />
  if (deliveries.isError) return <ErrorState error={deliveries.error} onRetry={() => void deliveries.refetch()} />
  const { rows, total } = deliveries.data
  if (total === 0) {
    return <EmptyState title="No deliveries yet" description="Once the webhook is added in GitHub, its ping appears here within seconds." />
  }
  const pages = Math.ceil(total / DELIVERIES_PAGE_SIZE)
  return (
    <div className="flex flex-col gap-2">
      <Table aria-label="Recent deliveries">
        <TableHeader>
          <TableRow><TableHead>Event</TableHead><TableHead>Delivery</TableHead><TableHead>Status</TableHead><TableHead>Result</TableHead><TableHead>Received</TableHead></TableRow>
        </TableHeader>
        <TableBody>
          {rows.map((d) => (
            <TableRow key={d.id} data-testid="delivery-row" data-delivery-id={d.delivery_id}>
              <TableCell className="font-medium">{d.event}</TableCell>
              <TableCell><code className="font-mono text-xs">{d.delivery_id.slice(0, 13)}</code></TableCell>
              <TableCell><StatusBadge kind="delivery" status={d.status} /></TableCell>
              <TableCell className="max-w-64 truncate text-xs text-muted-foreground" title={outcome(d)}>{outcome(d)}</TableCell>
              <TableCell className="text-xs text-muted-foreground" title={formatDateTime(d.received_at)}>{timeAgo(d.received_at)}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      {pages > 1 && (
        <div className="flex items-center justify-end gap-2 text-xs text-muted-foreground">
          <span>Page {page + 1} of {pages}</span>
          <Button size="sm" variant="outline" disabled={page === 0} onClick={() => setPage(page - 1)}>Newer</Button>
          <Button size="sm" variant="outline" disabled={page + 1 >= pages} onClick={() => setPage(page + 1)}>Older</Button>
        </div>
      )}
    </div>
  )
}
