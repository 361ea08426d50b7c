import { useEffect, useId, useRef, useState, type KeyboardEvent, type ReactNode } from 'react'
import { cn } from '../../lib/utils.ts'

export interface PopupMenuItem {
  label: string
  icon?: ReactNode
  onSelect(): void
}

/**
 * A small menu button (WAI-ARIA menu pattern: arrows, Home/End, Escape, click outside) without a positioning
 * library, for the app shell where every kilobyte of the first route counts. Opens upward from the trigger.
 */
export function PopupMenu({ label, trigger, heading, items, className }: { label: string; trigger: ReactNode; heading?: string; items: PopupMenuItem[]; className?: string }) {
  const [open, setOpen] = useState(false)
  const id = useId()
  const root = useRef<HTMLDivElement>(null)
  const itemRefs = useRef<Array<HTMLButtonElement | null>>([])

  useEffect(() => {
    if (!open) return
    itemRefs.current[0]?.focus()
    const onPointer = (event: PointerEvent) => { if (!root.current?.contains(event.target as Node)) setOpen(false) }
    document.addEventListener('pointerdown', onPointer)
    return () => document.removeEventListener('pointerdown', onPointer)
  }, [open])

  function onKeyDown(event: KeyboardEvent) {
    const current = itemRefs.current.indexOf(document.activeElement as HTMLButtonElement)
    const move = (index: number) => { event.preventDefault(); itemRefs.current[(index + items.length) % items.length]?.focus() }
    if (event.key === 'ArrowDown') move(current + 1)
    else if (event.key === 'ArrowUp') move(current - 1)
    else if (event.key === 'Home') move(0)
    else if (event.key === 'End') move(items.length - 1)
    else if (event.key === 'Escape' || event.key === 'Tab') setOpen(false)
  }

  return (
    <div ref={root} className={cn('relative', className)} onKeyDown={open ? onKeyDown : undefined}>
      <button
        type="button" aria-label={label} aria-haspopup="menu" aria-expanded={open} aria-controls={id}
        onClick={() => setOpen((value) => !value)}
        className="flex w-full items-center gap-2 rounded-md p-2 text-left hover:bg-accent"
      >{trigger}</button>
      {open && (
        <div id={id} role="menu" aria-label={label} className="absolute bottom-full left-0 z-50 mb-1 w-full min-w-44 rounded-md border bg-card p-1 shadow-md">
          {heading && <p className="truncate px-2 py-1.5 text-xs text-muted-foreground">{heading}</p>}
          {items.map((item, index) => (
            <button
              key={item.label} ref={(el) => { itemRefs.current[index] = el }} type="button" role="menuitem" tabIndex={-1}
              onClick={() => { setOpen(false); item.onSelect() }}
              className="flex w-full items-center gap-2 rounded-sm px-2 py-1.5 text-left text-sm outline-none hover:bg-accent focus:bg-accent [&_svg]:size-4"
            >{item.icon}{item.label}</button>
          ))}
        </div>
      )}
    </div>
  )
}
