import { StatusBadge } from '../../../components/status-badge.tsx'
import { Button } from '../../../components/ui/button.tsx'
import type { StatusSummary as Summary } from '../lib/health-summary.ts'
import { STATUSES } from '../lib/health-summary.ts'
import { typeLabel } from '../lib/connection-types.ts'

/** Counts per status, and the type filter (All plus each type the organization has). */
export function StatusSummary({ summary, type, onType }: { summary: Summary; type: string; onType: (type: string) => void }) {
  return (
    <div className="mb-4 flex flex-wrap items-center justify-between gap-3">
      <div className="flex flex-wrap gap-1" role="group" aria-label="Filter by type">
        <Button size="sm" variant={type === '' ? 'secondary' : 'ghost'} aria-pressed={type === ''} onClick={() => onType('')}>
          All <span className="text-muted-foreground">{summary.total}</span>
        </Button>
        {summary.types.map((t) => (
          <Button key={t.type} size="sm" variant={type === t.type ? 'secondary' : 'ghost'} aria-pressed={type === t.type} onClick={() => onType(t.type)}>
            {typeLabel(t.type)} <span className="text-muted-foreground">{t.count}</span>
          </Button>
        ))}
      </div>
      <ul className="flex flex-wrap items-center gap-3 text-sm" aria-label="Connections by status">
        {STATUSES.map((s) => (
          <li key={s} className="flex items-center gap-1.5" data-testid={`status-count-${s}`}>
            <StatusBadge kind="connection" status={s} />
            <span className="tabular-nums">{summary.counts[s]}</span>
          </li>
        ))}
      </ul>
    </div>
  )
}
