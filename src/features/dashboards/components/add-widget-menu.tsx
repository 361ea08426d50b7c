import { Plus } from 'lucide-react'
import { Button } from '../../../components/ui/button.tsx'
import { DropdownMenu, DropdownMenuContent, DropdownMenuItem, DropdownMenuLabel, DropdownMenuTrigger } from '../../../components/ui/dropdown-menu.tsx'
import { WIDGETS, type WidgetId } from '../lib/widgets.ts'

/** The widget catalog: the widgets not on the dashboard yet. */
export function AddWidgetMenu({ available, onAdd }: { available: WidgetId[]; onAdd: (id: WidgetId) => void }) {
  return (
    <DropdownMenu>
      <DropdownMenuTrigger asChild>
        <Button variant="outline" disabled={available.length === 0}><Plus /> Add widget</Button>
      </DropdownMenuTrigger>
      <DropdownMenuContent align="end" className="w-72">
        <DropdownMenuLabel>Widget catalog</DropdownMenuLabel>
        {available.map((id) => (
          <DropdownMenuItem key={id} onSelect={() => onAdd(id)} className="flex-col items-start gap-0">
            <span className="font-medium">{WIDGETS[id].title}</span>
            <span className="text-xs text-muted-foreground">{WIDGETS[id].description}</span>
          </DropdownMenuItem>
        ))}
      </DropdownMenuContent>
    </DropdownMenu>
  )
}
