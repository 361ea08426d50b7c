import { ChevronDown, ChevronUp, Search } from 'lucide-react'
import { useState } from 'react'
import { Button } from '../../../components/ui/button.tsx'
import { Input } from '../../../components/ui/input.tsx'
import { findLine, type FoundLine } from '../api/use-log-window.ts'

export interface SearchState { query: string; found: FoundLine | null }

type Scope = Parameters<typeof findLine>[0]

/**
 * Find in the log: Enter (or ↓) goes to the next line containing the text, Shift+Enter (or ↑) to the previous,
 * round the end; the whole log is searched in the database, not only what is loaded.
 */
export function LogSearch({ scope, search, onChange, onFound, disabled }: {
  scope: () => Scope
  search: SearchState
  onChange: (search: SearchState) => void
  onFound: (found: FoundLine) => void
  disabled: boolean
}) {
  const [status, setStatus] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  const go = async (forward: boolean) => {
    const query = search.query.trim()
    if (!query || busy) return
    setBusy(true)
    try {
      const found = await findLine(scope(), query, search.found?.id ?? null, forward)
      onChange({ query: search.query, found })
      setStatus(found ? `${(found.rank + 1).toLocaleString('en')} of ${found.matches.toLocaleString('en')}` : 'No matches')
      if (found) onFound(found)
    } catch (error) {
      // Supabase errors are plain objects with a message.
      setStatus(typeof error === 'object' && error !== null && 'message' in error ? String(error.message) : String(error))
    } finally {
      setBusy(false)
    }
  }

  return (
    <form className="flex items-center gap-1" role="search" onSubmit={(e) => { e.preventDefault(); void go(true) }}>
      <div className="relative">
        <Search className="pointer-events-none absolute top-1/2 left-2 size-3.5 -translate-y-1/2 text-muted-foreground" aria-hidden />
        <Input
          value={search.query} placeholder="Find in log" aria-label="Find in log" disabled={disabled} maxLength={200}
          className="h-7 w-48 pl-7 text-xs"
          onChange={(e) => { onChange({ query: e.target.value, found: null }); setStatus(null) }}
          onKeyDown={(e) => { if (e.key === 'Enter' && e.shiftKey) { e.preventDefault(); void go(false) } }}
        />
      </div>
      <Button type="button" size="icon" variant="ghost" className="size-7" aria-label="Previous match" disabled={disabled || !search.query.trim()} onClick={() => void go(false)}><ChevronUp /></Button>
      <Button type="submit" size="icon" variant="ghost" className="size-7" aria-label="Next match" disabled={disabled || !search.query.trim()}><ChevronDown /></Button>
      <span className="min-w-16 text-[11px] text-muted-foreground tabular-nums" aria-live="polite" data-testid="log-search-status">{busy ? 'Searching…' : status}</span>
    </form>
  )
}
