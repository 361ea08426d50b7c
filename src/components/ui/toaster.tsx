import { useSyncExternalStore } from 'react'
import { cn } from '../../lib/utils.ts'

interface Toast {
  id: number
  title: string
  description?: string
  tone?: 'success' | 'danger' | 'info'
}

let toasts: Toast[] = []
let nextId = 1
const listeners = new Set<() => void>()
const emit = () => { for (const listener of listeners) listener() }

/** Shows a short message in the corner for a few seconds. */
export function toast(message: Omit<Toast, 'id'>): void {
  const id = nextId++
  toasts = [...toasts, { ...message, id }].slice(-4)
  emit()
  setTimeout(() => { toasts = toasts.filter((t) => t.id !== id); emit() }, 5000)
}

const tones = { success: 'border-success/40', danger: 'border-destructive/50', info: 'border-info/40' }

export function Toaster() {
  const items = useSyncExternalStore((listener) => { listeners.add(listener); return () => listeners.delete(listener) }, () => toasts)
  return (
    <div aria-live="polite" className="pointer-events-none fixed right-4 bottom-4 z-[60] flex w-80 flex-col gap-2">
      {items.map((t) => (
        <div key={t.id} role={t.tone === 'danger' ? 'alert' : 'status'} className={cn('pointer-events-auto rounded-md border-l-4 bg-card p-3 text-sm shadow-lg', tones[t.tone ?? 'info'])}>
          <p className="font-medium">{t.title}</p>
          {t.description && <p className="text-muted-foreground">{t.description}</p>}
        </div>
      ))}
    </div>
  )
}
