export interface VersionRow {
  id: string
  version_tag: string
  is_current: boolean
  /** When this row made its version current. */
  live_from: string
  /** When the next version replaced it; null while it is current. */
  live_until: string | null
}

export interface LiveSpan {
  liveNow: boolean
  /** How long it was (or has been) live, in ms. */
  ms: number
}

/** How long one version was live: until the next version became current, or until now when it still is. */
export function liveSpan(row: Pick<VersionRow, 'live_from' | 'live_until' | 'is_current'>, now = Date.now()): LiveSpan {
  const from = Date.parse(row.live_from)
  const liveNow = row.is_current || row.live_until === null
  const until = liveNow ? now : Date.parse(row.live_until!)
  return { liveNow, ms: Math.max(0, until - from) }
}

/**
 * Fills live_until from a history sorted oldest first (each row lasts until the next one went live); the last
 * row stays open. For callers that hold whole histories rather than the database's computed column.
 */
export function withLiveUntil<T extends Omit<VersionRow, 'live_until'>>(history: readonly T[]): (T & { live_until: string | null })[] {
  return history.map((row, i) => ({ ...row, live_until: history[i + 1]?.live_from ?? null }))
}

/** Earlier versions the environment can return to: not the current row, and not the version it runs now. */
export function canRollBackTo(row: Pick<VersionRow, 'is_current' | 'version_tag'>, currentTag: string | null): boolean {
  return currentTag !== null && !row.is_current && row.version_tag !== currentTag
}

/**
 * The rows to offer "Roll back to <version>" on, given a history newest first: one per earlier version (its
 * most recent row), so each version gets a single button.
 */
export function rollbackTargets(historyNewestFirst: readonly Pick<VersionRow, 'id' | 'is_current' | 'version_tag'>[], currentTag: string | null): Set<string> {
  const seen = new Set<string>()
  const targets = new Set<string>()
  for (const row of historyNewestFirst) {
    if (seen.has(row.version_tag)) continue
    seen.add(row.version_tag)
    if (canRollBackTo(row, currentTag)) targets.add(row.id)
  }
  return targets
}
