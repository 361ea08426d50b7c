// What the board says about promotion into one environment, in words: what waits to come in from the stage
// before, and how far behind that stage it is.

export interface PromotionFacts {
  previousKey: string | null
  currentTag: string | null
  candidateTag: string | null
  behindBy: number | null
  promotingTag: string | null
}

/** "2 versions behind staging", "Up to date with staging", "Runs a version staging never ran"; null on the first stage. */
export function behindLabel(f: PromotionFacts): string | null {
  if (!f.previousKey) return null
  if (f.candidateTag === null) return `Up to date with ${f.previousKey}`
  if (f.behindBy === null) {
    return f.currentTag === null ? `Nothing deployed yet; ${f.previousKey} runs ${f.candidateTag}` : `Runs a version ${f.previousKey} never ran`
  }
  if (f.behindBy === 0) return `Up to date with ${f.previousKey}`
  return `${f.behindBy} version${f.behindBy === 1 ? '' : 's'} behind ${f.previousKey}`
}

/** The one-line state of promotion into this environment, or null when there is nothing to say. */
export function waitingLabel(f: PromotionFacts): string | null {
  if (f.promotingTag) return `Promoting ${f.promotingTag} from ${f.previousKey ?? 'an earlier stage'}`
  if (f.previousKey && f.candidateTag) return `${f.candidateTag} is ready in ${f.previousKey}`
  return null
}

export interface SourceOption {
  id: string
  key: string
  versionTag: string
}

/**
 * The environments a version may be promoted from into `targetIndex` of the chain: the stage before it, or any
 * earlier one when the target allows skipping; only those that run something.
 */
export function promotionSources<E extends { id: string; key: string; current: { version_tag: string } | null }>(
  chain: readonly E[], targetIndex: number, allowSkip: boolean,
): SourceOption[] {
  const earlier = chain.slice(0, Math.max(0, targetIndex))
  const candidates = allowSkip ? earlier.slice().reverse() : earlier.slice(-1)
  return candidates.filter((e) => e.current).map((e) => ({ id: e.id, key: e.key, versionTag: e.current!.version_tag }))
}
