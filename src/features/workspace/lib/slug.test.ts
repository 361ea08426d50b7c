import { describe, expect, it } from 'vitest'
import { SLUG_MAX, SLUG_PATTERN, slugify } from './slug.ts'

describe('slugify', () => {
  it.each([
    ['Initech', 'initech'],
    ['Acme Corp.', 'acme-corp'],
    ['  Globex   International  ', 'globex-international'],
    ['Café Müller & Söhne', 'cafe-muller-sohne'],
    ['Straße 42', 'strasse-42'],
    ['R&D -- Platform', 'r-d-platform'],
    ['---x---', 'x'],
    ['ÅNGSTRÖM', 'angstrom'],
    ['2024 team', '2024-team'],
  ])('%s → %s', (name, slug) => {
    expect(slugify(name)).toBe(slug)
    expect(slug).toMatch(SLUG_PATTERN)
  })

  it('is empty when the name has no letter or digit', () => {
    for (const name of ['', '   ', '!!!', '日本', '—']) expect(slugify(name)).toBe('')
  })

  it(`keeps at most ${SLUG_MAX} characters and never ends on a dash`, () => {
    const slug = slugify(`${'a'.repeat(SLUG_MAX - 1)} bcd`)
    expect(slug).toBe('a'.repeat(SLUG_MAX - 1))
    expect(slugify('x'.repeat(200))).toHaveLength(SLUG_MAX)
  })

  it('always satisfies the database check when not empty', () => {
    for (const name of ['a', 'Ä', '-a-', 'a_b', 'a.b.c', 'ÉCOLE', '9 lives', 'x'.repeat(60) + '!']) {
      const slug = slugify(name)
      expect(slug).toMatch(SLUG_PATTERN)
      expect(slug.length).toBeLessThanOrEqual(SLUG_MAX)
    }
  })
})
