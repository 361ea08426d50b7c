import { ChevronsDownUp, ChevronsUpDown } from 'lucide-react'
import { Button } from '../../../components/ui/button.tsx'
import type { FanOutGroup } from '../lib/fan-out-groups.ts'

/** Above a run graph with parallel branches: how many groups are folded, and folding or opening them all. */
export function GroupToolbar({ groups, foldedIds, onFoldAll }: { groups: FanOutGroup[]; foldedIds: string; onFoldAll: (fold: boolean) => void }) {
  const folded = foldedIds ? foldedIds.split(' ').length : 0
  const branches = groups.reduce((sum, g) => sum + g.branches.length, 0)
  const groupWord = groups.length === 1 ? 'group' : 'groups'
  return (
    <div className="flex flex-wrap items-center gap-2 text-sm text-muted-foreground" data-testid="group-toolbar">
      <span data-testid="group-toolbar-status">
        {groups.length} parallel {groupWord} ({branches.toLocaleString('en')} branches){folded === 0 ? ', all open' : folded === groups.length ? ', folded' : `, ${folded} folded`}
      </span>
      <span className="ml-auto flex gap-2">
        <Button size="sm" variant="outline" disabled={folded === 0} onClick={() => onFoldAll(false)}><ChevronsUpDown /> Expand all</Button>
        <Button size="sm" variant="outline" disabled={folded === groups.length} onClick={() => onFoldAll(true)}><ChevronsDownUp /> Collapse all</Button>
      </span>
    </div>
  )
}
