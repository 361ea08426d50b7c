import { Boxes, GitBranch, PlayCircle, Plus, type LucideIcon } from 'lucide-react'
import { Link } from 'react-router'
import { Card, CardContent, CardHeader, CardTitle } from '../../components/ui/card.tsx'
import { can } from '../../lib/permissions.ts'
import { useWorkspace } from '../../lib/workspace.ts'

interface QuickLink {
  to: string
  label: string
  description: string
  icon: LucideIcon
}

/** Build & Deploy's shortcuts: where shipping starts. "New pipeline" only for those who may create one. */
export function QuickLinks() {
  const { role } = useWorkspace()
  const links: QuickLink[] = [
    ...(can(role, 'editPipelines') ? [{ to: '/pipelines/new', label: 'New pipeline', description: 'Open the builder', icon: Plus }] : []),
    { to: '/pipelines', label: 'Pipelines', description: can(role, 'startExecutions') ? 'Edit or run one' : 'Browse them', icon: GitBranch },
    { to: '/executions', label: 'Runs', description: 'Every run, live', icon: PlayCircle },
    { to: '/environments', label: 'Environments', description: 'Versions, locks, rollbacks', icon: Boxes },
  ]
  return (
    <Card aria-labelledby="quick-links-title">
      <CardHeader><CardTitle id="quick-links-title">Quick links</CardTitle></CardHeader>
      <CardContent>
        <ul className="grid grid-cols-2 gap-2">
          {links.map((link) => (
            <li key={link.to}>
              <Link to={link.to} className="flex items-start gap-2 rounded-md border p-2.5 text-sm hover:border-primary/40 hover:bg-accent/50">
                <link.icon className="mt-0.5 size-4 shrink-0 text-primary" aria-hidden />
                <span>
                  <span className="block font-medium">{link.label}</span>
                  <span className="block text-xs text-muted-foreground">{link.description}</span>
                </span>
              </Link>
            </li>
          ))}
        </ul>
      </CardContent>
    </Card>
  )
}
