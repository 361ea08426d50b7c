import * as DialogPrimitive from '@radix-ui/react-dialog'
import { Menu, Workflow, X } from 'lucide-react'
import { useState } from 'react'
import { NotificationBell } from '../../features/notifications/components/notification-bell.tsx'
import { SidebarContent } from './sidebar.tsx'

/**
 * The narrow layout's top bar: a menu button that opens the navigation as a drawer from the left (a Radix dialog:
 * focus moves into it and is trapped there, Escape or choosing a link closes it, focus returns to the button).
 */
export function NavDrawerBar() {
  const [open, setOpen] = useState(false)
  return (
    <header className="sticky top-0 z-30 flex items-center gap-2 border-b bg-card px-3 py-2">
      <DialogPrimitive.Root open={open} onOpenChange={setOpen}>
        <DialogPrimitive.Trigger className="rounded-md p-2 hover:bg-accent" aria-label="Open navigation">
          <Menu className="size-5" aria-hidden />
        </DialogPrimitive.Trigger>
        <DialogPrimitive.Portal>
          <DialogPrimitive.Overlay className="fixed inset-0 z-40 bg-black/40" />
          <DialogPrimitive.Content
            data-slot="nav-drawer" aria-describedby={undefined}
            className="fixed inset-y-0 left-0 z-40 flex w-72 max-w-[85vw] flex-col gap-5 overflow-y-auto border-r bg-card p-3 shadow-xl"
          >
            <DialogPrimitive.Title className="sr-only">Navigation</DialogPrimitive.Title>
            <SidebarContent withBell={false} onNavigate={() => setOpen(false)} />
            <DialogPrimitive.Close className="absolute top-3 right-3 rounded-sm p-1 opacity-70 hover:opacity-100" aria-label="Close navigation">
              <X className="size-4" aria-hidden />
            </DialogPrimitive.Close>
          </DialogPrimitive.Content>
        </DialogPrimitive.Portal>
      </DialogPrimitive.Root>
      <Workflow className="size-5 text-primary" aria-hidden />
      <span className="font-semibold tracking-tight">Opzenix</span>
      <span className="ml-auto"><NotificationBell /></span>
    </header>
  )
}
