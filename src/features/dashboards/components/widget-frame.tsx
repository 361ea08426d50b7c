import { ArrowLeft, ArrowRight, GripVertical, X } from 'lucide-react'
import { useState, type DragEvent, type ReactNode } from 'react'
import { Button } from '../../../components/ui/button.tsx'
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '../../../components/ui/card.tsx'
import { cn } from '../../../lib/utils.ts'
import { WIDGETS, type WidgetId } from '../lib/widgets.ts'

const DRAG_TYPE = 'application/x-opzenix-widget'

interface Props {
  id: WidgetId
  first: boolean
  last: boolean
  onMove: (delta: -1 | 1) => void
  onDropWidget: (dragged: WidgetId) => void
  onRemove: () => void
  children: ReactNode
}

/** A widget's card: drag it by its grip onto another widget, or use the move buttons (keyboard); remove it. */
export function WidgetFrame({ id, first, last, onMove, onDropWidget, onRemove, children }: Props) {
  const meta = WIDGETS[id]
  const [over, setOver] = useState(false)
  const accepts = (e: DragEvent) => e.dataTransfer.types.includes(DRAG_TYPE)
  return (
    <Card
      aria-labelledby={`widget-${id}-title`}
      data-testid={`widget-${id}`}
      className={cn(meta.wide && 'md:col-span-2', over && 'ring-2 ring-primary')}
      draggable
      onDragStart={(e) => { e.dataTransfer.setData(DRAG_TYPE, id); e.dataTransfer.effectAllowed = 'move' }}
      onDragOver={(e) => { if (accepts(e)) { e.preventDefault(); setOver(true) } }}
      onDragLeave={() => setOver(false)}
      onDrop={(e) => {
        setOver(false)
        const dragged = e.dataTransfer.getData(DRAG_TYPE)
        if (dragged && dragged !== id) { e.preventDefault(); onDropWidget(dragged as WidgetId) }
      }}
    >
      <CardHeader className="flex-row items-start gap-2">
        <GripVertical className="mt-0.5 size-4 shrink-0 cursor-grab text-muted-foreground" aria-hidden />
        <div className="min-w-0 flex-1">
          <CardTitle id={`widget-${id}-title`}>{meta.title}</CardTitle>
          <CardDescription>{meta.description}</CardDescription>
        </div>
        <div className="flex shrink-0 gap-0.5">
          <Button size="icon" variant="ghost" className="size-7" aria-label={`Move ${meta.title} left`} disabled={first} onClick={() => onMove(-1)}>
            <ArrowLeft />
          </Button>
          <Button size="icon" variant="ghost" className="size-7" aria-label={`Move ${meta.title} right`} disabled={last} onClick={() => onMove(1)}>
            <ArrowRight />
          </Button>
          <Button size="icon" variant="ghost" className="size-7" aria-label={`Remove ${meta.title}`} onClick={onRemove}>
            <X />
          </Button>
        </div>
      </CardHeader>
      <CardContent>{children}</CardContent>
    </Card>
  )
}
