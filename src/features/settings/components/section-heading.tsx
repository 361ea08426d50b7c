import type { ReactNode } from 'react'
import { Badge } from '../../../components/ui/badge.tsx'

/** A settings section's title, the docs/github.md step it covers, and its main action. */
export function SectionHeading({ id, title, step, description, action }: { id: string; title: string; step: string; description: string; action?: ReactNode }) {
  return (
    <div className="flex flex-wrap items-end justify-between gap-3">
      <div>
        <h2 id={id} className="flex items-center gap-2 text-lg font-semibold">{title}<Badge tone="accent">{step}</Badge></h2>
        <p className="text-sm text-muted-foreground">{description}</p>
      </div>
      {action}
    </div>
  )
}
