import { lazy, Suspense } from 'react'
import { Outlet, useMatches } from 'react-router'
import { LoadingRows } from '../../components/states.tsx'
import { useWorkspace } from '../../lib/workspace.ts'
import { NoOrganization } from '../../features/workspace/components/no-organization.tsx'
import { FailedRunOffer } from './failed-run-offer.tsx'
import { SidebarContent } from './sidebar.tsx'
import { MAIN_ID, SkipLink } from './skip-link.tsx'
import { useMediaQuery, WIDE_SCREEN } from './use-media-query.ts'

// The create-project form, the removal notice and the narrow screens' drawer (a dialog) load only for the users
// who need them.
const NavDrawerBar = lazy(() => import('./nav-drawer.tsx').then((m) => ({ default: m.NavDrawerBar })))
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
 * The skip link, the navigation (a sidebar on wide screens, a drawer behind a menu button on narrow ones) and the
 * page; a user with no organization, or an organization with no project, is offered to create one first.
 */
export function AppShell() {
  const { organization, project, removedFrom } = useWorkspace()
  const needs = useRouteNeeds()
  const wide = useMediaQuery(WIDE_SCREEN)
  const ready = needs === 'nothing' || (needs === 'organization' ? organization !== null : project !== null)
  return (
    <div className="flex min-h-screen">
      <SkipLink />
      {wide && (
        <aside className="sticky top-0 flex h-screen w-60 shrink-0 flex-col gap-5 border-r bg-card p-3">
          <SidebarContent withBell />
        </aside>
      )}
      <div className="flex min-w-0 flex-1 flex-col">
        {!wide && <Suspense fallback={<div className="h-[53px] border-b bg-card" aria-hidden />}><NavDrawerBar /></Suspense>}
        {project && <FailedRunOffer />}
        <main id={MAIN_ID} tabIndex={-1} className="mx-auto w-full min-w-0 max-w-7xl flex-1 p-3 outline-none sm:p-6">
          {removedFrom && <Suspense fallback={null}><RemovedNotice /></Suspense>}
          <Suspense fallback={<LoadingRows rows={6} />}>
            {ready ? <Outlet /> : organization ? <NoProject /> : <NoOrganization />}
          </Suspense>
        </main>
      </div>
    </div>
  )
}
