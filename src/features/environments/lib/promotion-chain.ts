/** Environments in promotion order (dev → … → prod): by position, then key for a stable tie-break. */
export function promotionOrder<T extends { position: number; key: string }>(environments: readonly T[]): T[] {
  return [...environments].sort((a, b) => a.position - b.position || a.key.localeCompare(b.key))
}

export interface FreezeWindowLike {
  environment_id: string | null
  starts_at: string
  ends_at: string
}

export interface FreezeState<W> {
  /** The window in force now (the one ending last when several overlap), or null. */
  active: W | null
  /** Windows still to come, soonest first. */
  upcoming: W[]
}

/** Which freeze windows bind an environment: its own and the project-wide ones (environment_id null). */
export function freezeState<W extends FreezeWindowLike>(windows: readonly W[], environmentId: string, now = Date.now()): FreezeState<W> {
  const mine = windows.filter((w) => w.environment_id === null || w.environment_id === environmentId)
  const active = mine
    .filter((w) => Date.parse(w.starts_at) <= now && now < Date.parse(w.ends_at))
    .sort((a, b) => Date.parse(b.ends_at) - Date.parse(a.ends_at))[0] ?? null
  const upcoming = mine.filter((w) => Date.parse(w.starts_at) > now).sort((a, b) => Date.parse(a.starts_at) - Date.parse(b.starts_at))
  return { active, upcoming }
}
