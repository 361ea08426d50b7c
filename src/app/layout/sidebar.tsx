import { Workflow } from 'lucide-react'
import { NavLink } from 'react-router'
import { navOrder, noProjectNav, settingsNav, type NavKey } from '../../lib/modes.ts'
import { can } from '../../lib/permissions.ts'
import { cn } from '../../lib/utils.ts'
import { useWorkspace } from '../../lib/workspace.ts'
import { navItems } from '../nav-items.ts'
import { ModeSwitcher } from './mode-switcher.tsx'
import { ProjectSwitcher } from './project-switcher.tsx'
import { UserMenu } from './user-menu.tsx'
import { NotificationBell } from '../../features/notifications/components/notification-bell.tsx'

interface SidebarProps {
  /** The wide layout shows the bell here; the narrow one has it in the top bar. */
  withBell: boolean
  /** Called when a link is chosen (the drawer closes). */
  onNavigate?: () => void
}

/** Organization and project, navigation ordered by mode and filtered by role, mode, account. */
export function SidebarContent({ withBell, onNavigate }: SidebarProps) {
  const { organization, project, role, mode } = useWorkspace()
  const allowed = (keys: NavKey[]) => keys.map((key) => navItems[key]).filter((item) => !('requires' in item) || can(role, item.requires))
  const items = allowed(project ? navOrder[mode] : noProjectNav)
  const configuration = allowed(settingsNav)
  return (
    <>
      <div className="flex items-center gap-2 px-2 pt-1 text-primary">
        <Workflow className="size-6" aria-hidden />
        <span className="text-lg font-semibold tracking-tight text-foreground">Opzenix</span>
        {withBell && <span className="ml-auto"><NotificationBell /></span>}
      </div>
      <ProjectSwitcher />
      {organization && (
        <nav aria-label="Main" className="flex min-h-0 flex-col gap-0.5 overflow-y-auto">
          {items.map((item) => <SidebarLink key={item.to} item={item} onNavigate={onNavigate} />)}
          {project && <>
            <p className="mt-4 px-2 pb-1 text-xs font-medium uppercase tracking-wide text-muted-foreground">Configure</p>
            {configuration.map((item) => <SidebarLink key={item.to} item={item} onNavigate={onNavigate} />)}
          </>}
        </nav>
      )}
      <div className="mt-auto flex flex-col gap-3">
        {project && <ModeSwitcher />}
        <UserMenu />
      </div>
    </>
  )
}

function SidebarLink({ item, onNavigate }: { item: (typeof navItems)[NavKey]; onNavigate?: () => void }) {
  return (
    <NavLink
      to={item.to} end={item.to === '/'} onClick={onNavigate}
      className={({ isActive }) => cn('flex items-center gap-2 rounded-md px-2 py-1.5 text-sm', isActive ? 'bg-accent font-medium text-accent-foreground' : 'text-muted-foreground hover:bg-accent/60')}
    >
      <item.icon className="size-4" aria-hidden /> {item.label}
    </NavLink>
  )
}
