// The onboarding of a new organization: four steps, each done or skipped, resumable from where the admin
// stopped. The state lives in user_preferences.ui_preferences.onboarding[<organization id>], so it follows the
// user to another browser and each organization has its own.

export const STEPS = ['github', 'environments', 'team', 'review'] as const
export type Step = (typeof STEPS)[number]

export const STEP_LABELS: Record<Step, string> = {
  github: 'Connect GitHub',
  environments: 'Environments',
  team: 'Invite the team',
  review: 'Review',
}

export interface OnboardingState {
  /** The step to open on return. */
  step: Step
  done: Step[]
  skipped: Step[]
  /** The project the wizard created or picked, which the environments step fills. */
  projectId: string | null
  /** Set when the admin finished the review or dismissed the whole wizard. */
  closedAt: string | null
}

export const initialState = (): OnboardingState => ({ step: 'github', done: [], skipped: [], projectId: null, closedAt: null })

const isStep = (value: unknown): value is Step => typeof value === 'string' && (STEPS as readonly string[]).includes(value)

/** Whether this organization's setup was ever started (saved) by the user. */
export function hasSavedState(uiPreferences: unknown, organizationId: string): boolean {
  const saved = (uiPreferences as { onboarding?: Record<string, unknown> } | null)?.onboarding?.[organizationId]
  return Boolean(saved) && typeof saved === 'object'
}

/** The organization's saved state out of ui_preferences, tolerating anything malformed (it is user-writable JSON). */
export function readState(uiPreferences: unknown, organizationId: string): OnboardingState {
  const saved = (uiPreferences as { onboarding?: Record<string, Partial<OnboardingState>> } | null)?.onboarding?.[organizationId]
  if (!saved || typeof saved !== 'object') return initialState()
  return {
    step: isStep(saved.step) ? saved.step : 'github',
    done: Array.isArray(saved.done) ? saved.done.filter(isStep) : [],
    skipped: Array.isArray(saved.skipped) ? saved.skipped.filter(isStep) : [],
    projectId: typeof saved.projectId === 'string' ? saved.projectId : null,
    closedAt: typeof saved.closedAt === 'string' ? saved.closedAt : null,
  }
}

/** ui_preferences with this organization's state replaced and everything else kept. */
export function writeState(uiPreferences: unknown, organizationId: string, state: OnboardingState): Record<string, unknown> {
  const current = uiPreferences && typeof uiPreferences === 'object' ? uiPreferences as Record<string, unknown> : {}
  const onboarding = current.onboarding && typeof current.onboarding === 'object' ? current.onboarding as Record<string, unknown> : {}
  return { ...current, onboarding: { ...onboarding, [organizationId]: state } }
}

const nextAfter = (step: Step): Step => STEPS[Math.min(STEPS.indexOf(step) + 1, STEPS.length - 1)]

/** The state after finishing (or skipping) a step: recorded, and the next step opens. */
export function completeStep(state: OnboardingState, step: Step, outcome: 'done' | 'skipped', now = new Date()): OnboardingState {
  const done = state.done.filter((s) => s !== step)
  const skipped = state.skipped.filter((s) => s !== step)
  const next = { ...state, done: outcome === 'done' ? [...done, step] : done, skipped: outcome === 'skipped' ? [...skipped, step] : skipped }
  if (step === 'review') return { ...next, closedAt: now.toISOString() }
  return { ...next, step: nextAfter(step) }
}

/** Whether the wizard should still be offered to this admin for the organization. */
export const isOpen = (state: OnboardingState) => state.closedAt === null
