import { Workflow } from 'lucide-react'
import { lazy, Suspense } from 'react'
import { NavLink, Outlet, useMatches } from 'react-router'
import { LoadingRows } from '../../components/states.tsx'
import { navOrder, noProjectNav, settingsNav, type NavKey } from '../../lib/modes.ts'
import { can } from '../../lib/permissions.ts'
import { cn } from '../../lib/utils.ts'
import { useWorkspace } from '../../lib/workspace.ts'
import { NoOrganization } from '../../features/workspace/components/no-organization.tsx'
import { navItems } from '../nav-items.ts'
import { FailedRunOffer } from './failed-run-offer.tsx'
import { ModeSwitcher } from './mode-switcher.tsx'
import { ProjectSwitcher } from './project-switcher.tsx'
import { UserMenu } from './user-menu.tsx'
import { NotificationBell } from '../../features/notifications/components/notification-bell.tsx'

// The create-project form and the removal notice load only for the users who need them.
const NoProject = lazy(() => import('../../features/workspace/components/no-project.tsx').then((m) => ({ default: m.NoProject })))
const RemovedNotice = lazy(() => import('../../features/workspace/components/removed-notice.tsx').then((m) => ({ default: m.RemovedNotice })))

/** What a route needs before it can show (its `handle.needs` in the router; a project unless it says less). */
export type RouteNeeds = 'project' | 'organization' | 'nothing'

function useRouteNeeds(): RouteNeeds {
  const matches = useMatches()
  const needs = matches.map((m) => (m.handle as { needs?: RouteNeeds } | undefined)?.needs).filter(Boolean)
  return needs.at(-1) ?? 'project'
}

/**
 * Sidebar (organization and project, navigation ordered by mode and filtered by role, mode, account) and the
 * page; a user with no organization, or an organization with no project, is offered to create one first.
 */
export function AppShell() {
  const { organization, project, role, mode, removedFrom } = useWorkspace()
  const needs = useRouteNeeds()
  const allowed = (keys: NavKey[]) => keys.map((key) => navItems[key]).filter((item) => !('requires' in item) || can(role, item.requires))
  const items = allowed(project ? navOrder[mode] : noProjectNav)
  const configuration = allowed(settingsNav)
  const ready = needs === 'nothing' || (needs === 'organization' ? organization !== null : project !== null)
  return (
    <div className="flex min-h-screen">
      <aside className="sticky top-0 flex h-screen w-60 shrink-0 flex-col gap-5 border-r bg-card p-3">
        <div className="flex items-center gap-2 px-2 pt-1 text-primary">
          <Workflow className="size-6" aria-hidden />
          <span className="text-lg font-semibold tracking-tight text-foreground">Opzenix</span>
          <span className="ml-auto"><NotificationBell /></span>
        </div>
        <ProjectSwitcher />
        {organization && (
          <nav aria-label="Main" className="flex min-h-0 flex-col gap-0.5 overflow-y-auto">
            {items.map((item) => <SidebarLink key={item.to} item={item} />)}
            {project && <>
              <p className="mt-4 px-2 pb-1 text-xs font-medium uppercase tracking-wide text-muted-foreground">Configure</p>
              {configuration.map((item) => <SidebarLink key={item.to} item={item} />)}
            </>}
          </nav>
        )}
        <div className="mt-auto flex flex-col gap-3">
          {project && <ModeSwitcher />}
          <UserMenu />
        </div>
      </aside>
      <div className="flex min-w-0 flex-1 flex-col">
        {project && <FailedRunOffer />}
        <main className="mx-auto w-full max-w-7xl flex-1 p-6">
          {removedFrom && <Suspense fallback={null}><RemovedNotice /></Suspense>}
          <Suspense fallback={<LoadingRows rows={6} />}>
            {ready ? <Outlet /> : organization ? <NoProject /> : <NoOrganization />}
          </Suspense>
        </main>
      </div>
    </div>
  )
}

function SidebarLink({ item }: { item: (typeof navItems)[NavKey] }) {
  return (
    <NavLink
      to={item.to} end={item.to === '/'}
      className={({ isActive }) => cn('flex items-center gap-2 rounded-md px-2 py-1.5 text-sm', isActive ? 'bg-accent font-medium text-accent-foreground' : 'text-muted-foreground hover:bg-accent/60')}
    >
      <item.icon className="size-4" aria-hidden /> {item.label}
    </NavLink>
  )
}
