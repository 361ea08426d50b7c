import { Link } from 'react-router'
import { StatusBadge } from '../../../components/status-badge.tsx'
import { formatDateTime, timeAgo } from '../../../lib/format.ts'
import { describeActivity, type ActivityRow } from '../lib/activity.ts'

export function ActivityItem({ row }: { row: ActivityRow }) {
  const view = describeActivity(row)
  const { badge } = view
  return (
    <li className="flex gap-3 py-2.5 text-sm" data-testid="activity-item" data-kind={row.kind}>
      <div className="w-36 shrink-0 pt-0.5">
        {badge.kind === 'execution' ? <StatusBadge kind="execution" status={badge.status} />
          : badge.kind === 'approval' ? <StatusBadge kind="approval" status={badge.status} />
          : <StatusBadge kind="deployment" status={badge.status} />}
      </div>
      <div className="min-w-0 flex-1">
        <p className="leading-snug">
          {view.href
            ? <Link to={view.href} className="font-medium hover:underline">{view.subject}</Link>
            : <span className="font-medium">{view.subject}</span>}{' '}
          <span className="text-muted-foreground">{view.action}</span>
        </p>
        {view.note && <p className="truncate text-xs text-muted-foreground" title={view.note}>“{view.note}”</p>}
        <p className="text-xs text-muted-foreground">
          <time dateTime={row.at} title={formatDateTime(row.at)}>{timeAgo(row.at)}</time>
          {view.actor && <> · {view.actor}</>}
          {view.related && <> · <Link to={view.related.href} className="underline underline-offset-2">{view.related.label}</Link></>}
        </p>
      </div>
    </li>
  )
}
