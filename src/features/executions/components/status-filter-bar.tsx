import { Button } from '../../../components/ui/button.tsx'
import { STATUS_FILTERS, type StatusFilter } from '../lib/status-filter.ts'

/** One button per filter; the pressed one is the URL's `?status=`. */
export function StatusFilterBar({ value, onChange }: { value: StatusFilter; onChange: (filter: StatusFilter) => void }) {
  return (
    <div role="group" aria-label="Filter runs by status" className="flex flex-wrap gap-1">
      {(Object.keys(STATUS_FILTERS) as StatusFilter[]).map((key) => (
        <Button key={key} size="sm" variant={key === value ? 'secondary' : 'ghost'} aria-pressed={key === value} onClick={() => onChange(key)}>
          {STATUS_FILTERS[key].label}
        </Button>
      ))}
    </div>
  )
}
