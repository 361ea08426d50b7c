import { Link } from 'react-router'
import { StatusBadge } from '../../../components/status-badge.tsx'
import { formatDateTime, timeAgo } from '../../../lib/format.ts'
import { describeActivity, type ActivityRow } from '../lib/activity.ts'

export function ActivityItem({ row }: { row: ActivityRow }) {
  const view = describeActivity(row)
  const { badge } = view
  return (
    <li className="flex flex-col gap-0.5 py-2.5 text-sm" data-testid="activity-item" data-kind={row.kind}>
      <p className="leading-snug">
        {view.href
          ? <Link to={view.href} className="font-medium hover:underline">{view.subject}</Link>
          : <span className="font-medium">{view.subject}</span>}{' '}
        <span className="text-muted-foreground">{view.action}</span>
      </p>
      {view.note && <p className="truncate text-xs text-muted-foreground" title={view.note}>“{view.note}”</p>}
      <p className="flex flex-wrap items-center gap-x-1.5 gap-y-1 text-xs text-muted-foreground">
        {badge.kind === 'execution' ? <StatusBadge kind="execution" status={badge.status} />
          : badge.kind === 'approval' ? <StatusBadge kind="approval" status={badge.status} />
          : <StatusBadge kind="deployment" status={badge.status} />}
        <time dateTime={row.at} title={formatDateTime(row.at)}>{timeAgo(row.at)}</time>
        {view.actor && <span>· {view.actor}</span>}
        {view.related && <span>· <Link to={view.related.href} className="underline underline-offset-2">{view.related.label}</Link></span>}
      </p>
    </li>
  )
}
