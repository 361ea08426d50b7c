import { ArrowRight } from 'lucide-react'
import { memo, useState } from 'react'
import { StatusBadge } from '../../../components/status-badge.tsx'
import { EmptyState, ErrorState, LoadingRows } from '../../../components/states.tsx'
import { Button } from '../../../components/ui/button.tsx'
import { Card, CardContent, CardHeader, CardTitle } from '../../../components/ui/card.tsx'
import { formatDateTime, timeAgo } from '../../../lib/format.ts'
import type { Enums } from '../../../integrations/supabase/types.ts'
import { EVENTS_PAGE, useStateEvents, type StateEvent } from '../api/list-state-events.ts'
import { reasonSentence } from '../lib/reason-sentences.ts'

// A node event carries node statuses, a run event execution statuses; the badge shows either.
const State = ({ event, status }: { event: StateEvent; status: string }) => event.node_id
  ? <StatusBadge kind="node" status={status as Enums<'node_status'>} />
  : <StatusBadge kind="execution" status={status as Enums<'execution_status'>} />

/**
 * The run's state changes, newest first, live: old → new, why, who, when. The newest EVENTS_PAGE first, more on
 * request: a run of thousands of nodes writes thousands of events, and drawing them all slows the whole page.
 */
export function StateTimeline({ executionId, nodeNames }: { executionId: string; nodeNames: Map<string, string> }) {
  const [limit, setLimit] = useState(EVENTS_PAGE)
  const query = useStateEvents(executionId, limit)
  return (
    <Card>
      <CardHeader><CardTitle>Timeline</CardTitle></CardHeader>
      <CardContent>
        {query.isPending ? <LoadingRows rows={4} />
          : query.isError ? <ErrorState error={query.error} onRetry={() => void query.refetch()} />
          : query.data.events.length === 0 ? <EmptyState title="No state changes yet" />
          : (
            <>
              <ol className="flex max-h-96 flex-col gap-2 overflow-auto" aria-label="State changes" data-testid="state-timeline">
                {query.data.events.map((e) => <EventRow key={e.id} event={e} nodeNames={nodeNames} />)}
              </ol>
              {query.data.total > query.data.events.length && (
                <div className="mt-2 flex items-center justify-between gap-2 text-xs text-muted-foreground">
                  <p data-testid="timeline-count">Showing the newest {query.data.events.length} of {query.data.total}.</p>
                  <Button size="sm" variant="outline" disabled={query.isPlaceholderData} onClick={() => setLimit((n) => n + EVENTS_PAGE)}>
                    {query.isPlaceholderData ? 'Loading…' : 'Show older'}
                  </Button>
                </div>
              )}
            </>
          )}
      </CardContent>
    </Card>
  )
}

// Memoised: a refetch keeps unchanged events' objects (structural sharing), so only new rows render.
const EventRow = memo(function EventRow({ event, nodeNames }: { event: StateEvent; nodeNames: Map<string, string> }) {
  const subject = event.node_id ? nodeNames.get(event.node_id) ?? event.node_id : 'Run'
  return (
    <li className="flex flex-col gap-0.5 border-l-2 pl-3 text-xs" data-node={event.node_id ?? ''}>
      <div className="flex flex-wrap items-center gap-1.5">
        <span className="font-medium">{subject}</span>
        {event.old_state ? <State event={event} status={event.old_state} /> : <span className="text-muted-foreground">created</span>}
        <ArrowRight className="size-3 text-muted-foreground" aria-label="to" />
        <State event={event} status={event.new_state} />
      </div>
      {event.reason && <p className="text-muted-foreground" data-testid="event-reason">{reasonSentence(event.reason)}</p>}
      <p className="text-muted-foreground">
        {event.actorName ?? 'Engine'} · <time dateTime={event.created_at} title={formatDateTime(event.created_at)}>{timeAgo(event.created_at)}</time>
      </p>
    </li>
  )
})
