import { describe, expect, it } from 'vitest'
import { behindLabel, promotionSources, waitingLabel, type PromotionFacts } from './promotion-summary.ts'

const facts = (f: Partial<PromotionFacts>): PromotionFacts =>
  ({ previousKey: 'staging', currentTag: '1.0.0', candidateTag: null, behindBy: 0, promotingTag: null, ...f })

describe('behindLabel', () => {
  it('says how many versions the previous stage received since, in the singular and plural', () => {
    expect(behindLabel(facts({ candidateTag: '1.2.0', behindBy: 1 }))).toBe('1 version behind staging')
    expect(behindLabel(facts({ candidateTag: '1.2.0', behindBy: 3 }))).toBe('3 versions behind staging')
  })

  it('tells apart up to date, never ran there and nothing deployed yet', () => {
    expect(behindLabel(facts({}))).toBe('Up to date with staging')
    expect(behindLabel(facts({ candidateTag: '1.2.0', behindBy: null }))).toBe('Runs a version staging never ran')
    expect(behindLabel(facts({ currentTag: null, candidateTag: '1.2.0', behindBy: null }))).toBe('Nothing deployed yet; staging runs 1.2.0')
  })

  it('says nothing for the first stage', () => {
    expect(behindLabel(facts({ previousKey: null }))).toBeNull()
  })
})

describe('waitingLabel', () => {
  it('names a promotion under way before a version that is only ready', () => {
    expect(waitingLabel(facts({ candidateTag: '1.2.0', promotingTag: '1.2.0' }))).toBe('Promoting 1.2.0 from staging')
    expect(waitingLabel(facts({ candidateTag: '1.2.0' }))).toBe('1.2.0 is ready in staging')
    expect(waitingLabel(facts({}))).toBeNull()
  })
})

describe('promotionSources', () => {
  const chain = [
    { id: 'd', key: 'dev', current: { version_tag: '3' } },
    { id: 'u', key: 'uat', current: null },
    { id: 's', key: 'staging', current: { version_tag: '2' } },
    { id: 'p', key: 'prod', current: { version_tag: '1' } },
  ]
  it('offers only the stage before, unless the target allows skipping (then nearest first), and never empty ones', () => {
    expect(promotionSources(chain, 3, false).map((s) => s.key)).toEqual(['staging'])
    expect(promotionSources(chain, 3, true).map((s) => s.key)).toEqual(['staging', 'dev'])
    expect(promotionSources(chain, 2, false)).toEqual([])
    expect(promotionSources(chain, 0, true)).toEqual([])
  })
})
