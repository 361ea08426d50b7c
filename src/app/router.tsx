import type { ComponentType } from 'react'
import { createBrowserRouter } from 'react-router'
import { AppShell } from './layout/app-shell.tsx'
import { RouteError } from './route-error.tsx'

// Every page is its own chunk, so the first route loads only what it shows (the builder and charts stay out).
const page = (load: () => Promise<{ default: ComponentType }>) => async () => ({ Component: (await load()).default })

export const router = createBrowserRouter([
  {
    element: <AppShell />,
    errorElement: <RouteError />,
    children: [
      { index: true, lazy: page(() => import('./home/home-page.tsx')) },
      { path: 'pipelines', lazy: page(() => import('../features/pipelines/pages/pipelines-page.tsx')) },
      { path: 'pipelines/new', lazy: page(() => import('../features/pipelines/pages/pipeline-editor-page.tsx')) },
      { path: 'pipelines/:pipelineId', lazy: page(() => import('../features/pipelines/pages/pipeline-editor-page.tsx')) },
      { path: 'templates', lazy: page(() => import('../features/templates/pages/templates-page.tsx')) },
      { path: 'executions', lazy: page(() => import('../features/executions/pages/executions-page.tsx')) },
      { path: 'executions/:executionId', lazy: page(() => import('../features/executions/pages/execution-page.tsx')) },
      { path: 'approvals', lazy: page(() => import('../features/approvals/pages/approvals-page.tsx')) },
      { path: 'environments', lazy: page(() => import('../features/environments/pages/environments-page.tsx')) },
      { path: 'environments/:environmentKey', lazy: page(() => import('../features/environments/pages/environment-page.tsx')) },
      { path: 'artifacts', lazy: page(() => import('../features/artifacts/pages/artifacts-page.tsx')) },
      { path: 'releases', handle: { needs: 'organization' }, lazy: page(() => import('../features/promotion/pages/release-matrix-page.tsx')) },
      { path: 'audit', lazy: page(() => import('../features/audit/pages/audit-page.tsx')) },
      { path: 'dashboard', lazy: page(() => import('../features/dashboards/pages/dashboard-page.tsx')) },
      { path: 'dora', lazy: page(() => import('../features/dashboards/pages/dora-page.tsx')) },
      { path: 'telemetry', lazy: page(() => import('../features/telemetry/pages/telemetry-page.tsx')) },
      { path: 'connections', lazy: page(() => import('../features/connections/pages/connections-page.tsx')) },
      { path: 'settings', lazy: page(() => import('../features/settings/pages/settings-page.tsx')) },
      { path: 'profile', lazy: page(() => import('../features/profile/pages/profile-page.tsx')) },
      { path: 'notifications', handle: { needs: 'nothing' }, lazy: page(() => import('../features/notifications/pages/notifications-page.tsx')) },
      { path: 'organization', handle: { needs: 'organization' }, lazy: page(() => import('../features/organization/pages/organization-page.tsx')) },
      { path: 'projects', handle: { needs: 'organization' }, lazy: page(() => import('../features/projects/pages/projects-page.tsx')) },
      { path: 'onboarding', handle: { needs: 'organization' }, lazy: page(() => import('../features/onboarding/pages/onboarding-page.tsx')) },
      { path: 'demo', lazy: page(() => import('../features/demo/pages/demo-page.tsx')) },
      { path: 'invite/:token', handle: { needs: 'nothing' }, lazy: page(() => import('../features/organization/pages/accept-invitation-page.tsx')) },
      { path: '*', lazy: page(() => import('./not-found-page.tsx')) },
    ],
  },
])
