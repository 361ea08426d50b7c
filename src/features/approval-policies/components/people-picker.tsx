import { X } from 'lucide-react'
import { useId, useState } from 'react'
import { Input } from '../../../components/ui/input.tsx'
import type { PolicyMember } from '../api/approval-policy.ts'
import { matchMembers } from '../lib/match-members.ts'

const SHOWN = 8

/**
 * Picks organization members for a rule of named people: type part of a name or email, then tick people with
 * Space (Tab moves through the matches) or press Enter to add the first match. The chosen are listed above,
 * each with a remove button.
 */
export function PeoplePicker({ label, members, value, onChange, error }: {
  label: string
  members: PolicyMember[]
  value: string[]
  onChange: (ids: string[]) => void
  error?: string
}) {
  const id = useId()
  const [search, setSearch] = useState('')
  const byId = new Map(members.map((m) => [m.id, m]))
  const matches = matchMembers(members, search)
  const toggle = (memberId: string) => onChange(value.includes(memberId) ? value.filter((v) => v !== memberId) : [...value, memberId])
  return (
    <div className="flex w-full flex-col gap-1.5" role="group" aria-labelledby={`${id}-label`} data-testid="people-picker">
      <span id={`${id}-label`} className="text-xs font-medium">{label}</span>
      {value.length > 0 && (
        <ul className="flex flex-wrap gap-1" aria-label="Chosen people">
          {value.map((v) => (
            <li key={v} className="flex items-center gap-1 rounded-full border bg-muted px-2 py-0.5 text-xs">
              {byId.get(v)?.name ?? 'Someone no longer in the organization'}
              <button type="button" className="rounded-full hover:bg-background" aria-label={`Remove ${byId.get(v)?.name ?? 'this person'}`} onClick={() => toggle(v)}>
                <X className="size-3" aria-hidden />
              </button>
            </li>
          ))}
        </ul>
      )}
      <Input
        type="search" value={search} placeholder="Type a name or email" aria-label={`Find people: ${label}`}
        aria-describedby={error ? `${id}-error` : undefined} aria-invalid={error ? true : undefined}
        onChange={(e) => setSearch(e.target.value)}
        onKeyDown={(e) => {
          if (e.key !== 'Enter') return
          e.preventDefault()
          const first = matches.find((m) => !value.includes(m.id))
          if (first) { onChange([...value, first.id]); setSearch('') }
        }}
      />
      <ul className="flex max-h-40 flex-col gap-0.5 overflow-auto rounded-md border p-1 text-xs" aria-label={`Members matching: ${label}`}>
        {matches.length === 0 && <li className="px-1 text-muted-foreground">No member matches “{search}”.</li>}
        {matches.slice(0, SHOWN).map((m) => (
          <li key={m.id}>
            <label className="flex items-center gap-2 rounded px-1 py-0.5 hover:bg-muted">
              <input type="checkbox" checked={value.includes(m.id)} onChange={() => toggle(m.id)} />
              <span className="font-medium">{m.name}</span>
              <span className="text-muted-foreground">{m.email} · {m.role}</span>
            </label>
          </li>
        ))}
        {matches.length > SHOWN && <li className="px-1 text-muted-foreground">{matches.length - SHOWN} more: type more of the name</li>}
      </ul>
      {error && <p id={`${id}-error`} className="text-xs text-destructive">{error}</p>}
    </div>
  )
}
