import { Activity, Hammer, Search, ShieldCheck, type LucideIcon } from 'lucide-react'
import type { AppRole } from './permissions.ts'

export const MODES = ['monitor', 'build', 'investigate', 'govern'] as const
export type Mode = (typeof MODES)[number]

interface ModeMeta {
  label: string
  description: string
  icon: LucideIcon
}

/** The four ways of working: each reshapes the home page and the order of the navigation. */
export const modeMeta = {
  monitor: { label: 'Monitor', description: 'Health and live activity', icon: Activity },
  build: { label: 'Build & Deploy', description: 'Pipelines, runs and releases', icon: Hammer },
  investigate: { label: 'Investigate', description: 'Failures first', icon: Search },
  govern: { label: 'Govern', description: 'Approvals, locks and audit', icon: ShieldCheck },
} satisfies Record<Mode, ModeMeta>

const roleDefaults = { viewer: 'monitor', operator: 'build', admin: 'govern' } satisfies Record<AppRole, Mode>

/** The saved choice if there is one, else the role's natural mode. */
export function resolveMode(saved: string | null | undefined, role: AppRole | null | undefined): Mode {
  if (saved && (MODES as readonly string[]).includes(saved)) return saved as Mode
  return roleDefaults[role ?? 'viewer']
}

export type NavKey =
  | 'home' | 'pipelines' | 'templates' | 'executions' | 'approvals' | 'environments' | 'releases' | 'audit'
  | 'dashboard' | 'dora' | 'telemetry' | 'connections' | 'settings' | 'organization' | 'projects'

/** Navigation order per mode: what the mode is about comes first. */
export const navOrder = {
  monitor: ['home', 'dashboard', 'executions', 'telemetry', 'environments', 'releases', 'dora', 'pipelines', 'templates', 'approvals', 'audit'],
  build: ['home', 'pipelines', 'templates', 'executions', 'environments', 'releases', 'approvals', 'dashboard', 'telemetry', 'dora', 'audit'],
  investigate: ['home', 'executions', 'telemetry', 'environments', 'releases', 'dashboard', 'dora', 'pipelines', 'templates', 'approvals', 'audit'],
  govern: ['home', 'approvals', 'environments', 'releases', 'audit', 'dora', 'dashboard', 'executions', 'pipelines', 'templates', 'telemetry'],
} satisfies Record<Mode, NavKey[]>

/** Configuration pages: the same place in every mode, below the work. */
export const settingsNav = ['connections', 'settings', 'organization', 'projects'] satisfies NavKey[]

/** What the shell shows while the current organization has no project yet. */
export const noProjectNav = ['home', 'organization', 'projects'] satisfies NavKey[]
