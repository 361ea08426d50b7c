import type { Enums } from '../../../integrations/supabase/types.ts'

export type EnvironmentAction = Enums<'environment_action'>
export type PermissionEffect = Enums<'permission_effect'>

/** What environment_actions returns for one action: whether the caller may, where that comes from, and why. */
export interface ActionDecision {
  action: EnvironmentAction
  allowed: boolean
  /** role, user_allow, user_deny, team_allow, team_deny or not_member (private.environment_decision). */
  source: string
  reason: string
}

/** Every action, in the enum's order, with what it lets someone do here. */
export const actionMeta = {
  view: { label: 'View', description: 'see the environment, its versions, locks and history' },
  run: { label: 'Run', description: 'start runs and smoke tests that target it' },
  approve: { label: 'Approve', description: 'vote on approval requests that gate it' },
  deploy: { label: 'Deploy', description: 'deploy a new version to it' },
  rollback: { label: 'Roll back', description: 'return it to an earlier version' },
  lock: { label: 'Lock', description: 'lock and unlock it' },
  break_glass: { label: 'Break glass', description: 'deploy through its lock or a freeze window' },
} as const satisfies Record<EnvironmentAction, { label: string; description: string }>

export const ENVIRONMENT_ACTIONS = Object.keys(actionMeta) as EnvironmentAction[]

export const effectMeta = {
  allow: { label: 'Allow', tone: 'success' },
  deny: { label: 'Deny', tone: 'danger' },
} as const satisfies Record<PermissionEffect, { label: string; tone: 'success' | 'danger' }>

/** Where a decision came from, in words for the "Your access here" list. */
export const sourceLabel: Record<string, string> = {
  role: 'your role',
  user_allow: 'granted to you',
  user_deny: 'denied to you',
  team_allow: 'granted to your team',
  team_deny: 'denied to your team',
  not_member: 'not a member',
}

export type ControlState =
  | { kind: 'enabled' }
  | { kind: 'disabled'; reason: string }
  | { kind: 'hidden' }

/**
 * How to show the control for an action: enabled when the database would let the caller do it; disabled with
 * the database's sentence when an admin's grant took it away (the person could do it by role, so they should
 * see why not); hidden when it was never theirs (outside their role with no grant, not a member, or not known yet).
 */
export function controlState(decision: ActionDecision | undefined): ControlState {
  if (!decision) return { kind: 'hidden' }
  if (decision.allowed) return { kind: 'enabled' }
  if (decision.source === 'user_deny' || decision.source === 'team_deny') return { kind: 'disabled', reason: decision.reason }
  return { kind: 'hidden' }
}
