import { Activity, Boxes, Building2, FolderKanban, Cable, GitBranch, Gauge, Grid3x3, Hand, History, LayoutDashboard, LayoutGrid, LayoutTemplate, PlayCircle, Settings, type LucideIcon } from 'lucide-react'
import type { NavKey } from '../lib/modes.ts'
import type { Action } from '../lib/permissions.ts'

interface NavItem {
  label: string
  to: string
  icon: LucideIcon
  /** Hidden unless the user's role allows this. */
  requires?: Action
}

export const navItems = {
  home: { label: 'Control tower', to: '/', icon: LayoutDashboard },
  pipelines: { label: 'Pipelines', to: '/pipelines', icon: GitBranch },
  templates: { label: 'Templates', to: '/templates', icon: LayoutTemplate },
  executions: { label: 'Runs', to: '/executions', icon: PlayCircle },
  approvals: { label: 'Approvals', to: '/approvals', icon: Hand },
  environments: { label: 'Environments', to: '/environments', icon: Boxes },
  releases: { label: 'What runs where', to: '/releases', icon: Grid3x3 },
  audit: { label: 'Audit trail', to: '/audit', icon: History, requires: 'readAudit' },
  dashboard: { label: 'Dashboard', to: '/dashboard', icon: LayoutGrid },
  dora: { label: 'DORA metrics', to: '/dora', icon: Gauge },
  telemetry: { label: 'Telemetry', to: '/telemetry', icon: Activity },
  connections: { label: 'Connections', to: '/connections', icon: Cable },
  settings: { label: 'Settings', to: '/settings', icon: Settings },
  organization: { label: 'Organization', to: '/organization', icon: Building2 },
  projects: { label: 'Projects', to: '/projects', icon: FolderKanban },
} satisfies Record<NavKey, NavItem>
