import { Search } from 'lucide-react'
import { Input, NativeSelect } from '../../../components/ui/input.tsx'
import { cn } from '../../../lib/utils.ts'
import { FLOW_TYPE_LABELS, FLOW_TYPES, type FlowType } from '../lib/shared.ts'

export interface FilterState {
  type: FlowType | null
  category: string | null
  tag: string | null
  search: string
}

/** Flow type as a row of toggles, category and tag as selects, and a search box; the page keeps them in the URL. */
export function TemplateFilters({ value, onChange, categories, tags }: {
  value: FilterState
  onChange: (next: Partial<FilterState>) => void
  categories: [string, number][]
  tags: [string, number][]
}) {
  const typeButton = (type: FlowType | null, label: string) => (
    <button
      key={type ?? 'all'} type="button" aria-pressed={value.type === type} onClick={() => onChange({ type })}
      className={cn('rounded-md border px-2.5 py-1 text-xs font-medium hover:bg-accent', value.type === type && 'border-primary bg-primary/10 text-primary')}
    >{label}</button>
  )
  return (
    <div className="mb-4 flex flex-col gap-3">
      <div role="group" aria-label="Flow type" className="flex flex-wrap gap-1.5">
        {typeButton(null, 'All types')}
        {FLOW_TYPES.map((t) => typeButton(t, FLOW_TYPE_LABELS[t]))}
      </div>
      <div className="grid gap-2 sm:grid-cols-[minmax(0,1fr)_12rem_12rem]">
        <div className="flex min-w-0 items-center gap-2">
          <Search className="size-4 shrink-0 text-muted-foreground" aria-hidden />
          <Input type="search" aria-label="Search templates" placeholder="Search name, description, tags" value={value.search} onChange={(e) => onChange({ search: e.target.value })} />
        </div>
        <NativeSelect aria-label="Category" value={value.category ?? ''} onChange={(e) => onChange({ category: e.target.value || null })}>
          <option value="">All categories</option>
          {categories.map(([c, n]) => <option key={c} value={c}>{c} ({n})</option>)}
        </NativeSelect>
        <NativeSelect aria-label="Tag" value={value.tag ?? ''} onChange={(e) => onChange({ tag: e.target.value || null })}>
          <option value="">All tags</option>
          {tags.map(([t, n]) => <option key={t} value={t}>#{t} ({n})</option>)}
        </NativeSelect>
      </div>
    </div>
  )
}
