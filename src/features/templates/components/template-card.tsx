import { Badge } from '../../../components/ui/badge.tsx'
import { Button } from '../../../components/ui/button.tsx'
import type { TemplateRow } from '../api/list-templates.ts'
import { usageLabel } from '../lib/filter-templates.ts'
import { FLOW_TYPE_LABELS } from '../lib/shared.ts'

/** A template in the library grid: what it is, how much it is used, and a button that opens it. */
export function TemplateCard({ template, onOpen }: { template: TemplateRow; onOpen: () => void }) {
  const stages = Array.isArray(template.nodes) ? template.nodes.length : 0
  return (
    <li className="flex min-w-0 flex-col gap-2 rounded-lg border bg-card p-4" data-testid="template-card" data-template-id={template.id}>
      <div className="flex flex-wrap items-center gap-1.5">
        <Badge tone="info">{FLOW_TYPE_LABELS[template.flow_type]}</Badge>
        <Badge>{template.category}</Badge>
        {template.organization_id && <Badge tone="accent">{template.is_public ? 'Public' : 'Organization'}</Badge>}
      </div>
      <h2 className="text-base font-semibold break-words">{template.name}</h2>
      <p className="line-clamp-3 text-sm text-muted-foreground">{template.description ?? 'No description.'}</p>
      <div className="flex flex-wrap gap-1 text-xs text-muted-foreground">
        {template.tags.map((tag) => <span key={tag} className="rounded bg-muted px-1.5 py-0.5">#{tag}</span>)}
      </div>
      <div className="mt-auto flex items-center justify-between gap-2 pt-1 text-xs text-muted-foreground">
        <span>{stages} stages · <span data-testid="card-usage">{usageLabel(template.popularity)}</span></span>
        <Button size="sm" variant="outline" onClick={onOpen} aria-label={`Open ${template.name}`}>Preview and use</Button>
      </div>
    </li>
  )
}
