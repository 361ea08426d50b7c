import { X } from 'lucide-react'
import type { ReactNode } from 'react'
import { Button } from '../../../components/ui/button.tsx'
import { Input, NativeSelect } from '../../../components/ui/input.tsx'
import { Label } from '../../../components/ui/label.tsx'
import { useAuditEnvironments } from '../api/get-audit-environments.ts'
import { useAuditFacets } from '../api/get-audit-facets.ts'
import { emptyAuditFilter, fromLocalInput, isFiltered, toLocalInput, type AuditFilter } from '../lib/audit-filter.ts'

interface Props {
  orgId: string
  filter: AuditFilter
  onChange(change: Partial<AuditFilter>): void
}

/** Who, what, which resource, which environment and when; every choice is in the URL. */
export function AuditFilters({ orgId, filter, onChange }: Props) {
  const facets = useAuditFacets(orgId)
  const environments = useAuditEnvironments(orgId)
  // A value from a shared link may not be among the latest entries' facets: keep it selectable.
  const withCurrent = (values: string[] | undefined, current: string) => (current && !values?.includes(current) ? [current, ...(values ?? [])] : values ?? [])
  const actors = facets.data?.actors ?? []
  return (
    <div className="flex flex-col gap-2">
      <div className="flex flex-wrap items-end gap-3" role="group" aria-label="Audit filters">
        <Field id="audit-actor" label="Who">
          <NativeSelect id="audit-actor" value={filter.actor} onChange={(e) => onChange({ actor: e.target.value })} className="w-52">
            <option value="">Everyone</option>
            {filter.actor && !actors.some((a) => a.id === filter.actor) && <option value={filter.actor}>{filter.actor}</option>}
            {actors.map((a) => <option key={a.id} value={a.id}>{a.name}</option>)}
          </NativeSelect>
        </Field>
        <Field id="audit-action" label="Action">
          <NativeSelect id="audit-action" value={filter.action} onChange={(e) => onChange({ action: e.target.value })} className="w-44">
            <option value="">All actions</option>
            {withCurrent(facets.data?.actions, filter.action).map((a) => <option key={a} value={a}>{a}</option>)}
          </NativeSelect>
        </Field>
        <Field id="audit-resource" label="Resource">
          <NativeSelect id="audit-resource" value={filter.resource} onChange={(e) => onChange({ resource: e.target.value })} className="w-52">
            <option value="">All resources</option>
            {withCurrent(facets.data?.resources, filter.resource).map((r) => <option key={r} value={r}>{r}</option>)}
          </NativeSelect>
        </Field>
        <Field id="audit-environment" label="Environment">
          <NativeSelect id="audit-environment" value={filter.environment} onChange={(e) => onChange({ environment: e.target.value })} className="w-52">
            <option value="">All environments</option>
            {filter.environment && !environments.data?.some((e) => e.id === filter.environment) && <option value={filter.environment}>{filter.environment}</option>}
            {environments.data?.map((e) => <option key={e.id} value={e.id}>{e.label}</option>)}
          </NativeSelect>
        </Field>
        <Field id="audit-from" label="From">
          <Input id="audit-from" type="datetime-local" className="w-52" value={toLocalInput(filter.from)}
            onChange={(e) => onChange({ from: fromLocalInput(e.target.value) })} />
        </Field>
        <Field id="audit-to" label="Until">
          <Input id="audit-to" type="datetime-local" className="w-52" value={toLocalInput(filter.to)}
            aria-invalid={!!filter.from && !!filter.to && filter.from >= filter.to}
            onChange={(e) => onChange({ to: fromLocalInput(e.target.value) })} />
        </Field>
        {isFiltered(filter) && (
          <Button variant="ghost" size="sm" className="mb-0.5" onClick={() => onChange(emptyAuditFilter)}>Clear filters</Button>
        )}
      </div>
      {(filter.resourceId || filter.entry) && (
        <div className="flex flex-wrap gap-2 text-sm">
          {filter.resourceId && (
            <Chip label={`History of ${filter.resource} ${filter.resourceId}`} onRemove={() => onChange({ resourceId: '' })} removeLabel="Show every resource of this type" />
          )}
          {filter.entry && <Chip label={`Entry #${filter.entry}`} onRemove={() => onChange({ entry: '' })} removeLabel="Show every entry" />}
        </div>
      )}
      {filter.from && filter.to && filter.from >= filter.to && <p className="text-sm text-destructive" role="alert">“Until” must be after “From”.</p>}
    </div>
  )
}

function Field({ id, label, children }: { id: string; label: string; children: ReactNode }) {
  return (
    <div className="flex flex-col gap-1">
      <Label htmlFor={id}>{label}</Label>
      {children}
    </div>
  )
}

function Chip({ label, onRemove, removeLabel }: { label: string; onRemove(): void; removeLabel: string }) {
  return (
    <span className="inline-flex items-center gap-1 rounded-full border bg-muted px-3 py-0.5" data-testid="audit-chip">
      <span className="max-w-md truncate">{label}</span>
      <button type="button" onClick={onRemove} aria-label={removeLabel} title={removeLabel} className="rounded-full p-0.5 hover:bg-accent focus-visible:outline-2">
        <X className="size-3" aria-hidden />
      </button>
    </span>
  )
}
