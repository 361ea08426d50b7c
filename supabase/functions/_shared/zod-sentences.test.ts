import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { z } from 'zod'
import { installZodSentences } from './zod-sentences.ts'

const messageOf = (schema: z.ZodType, value: unknown) => {
  const result = schema.safeParse(value)
  if (result.success) throw new Error('expected a validation error')
  return result.error.issues[0].message
}

describe('zod messages as sentences', () => {
  beforeAll(installZodSentences)
  afterAll(() => { z.config({ customError: undefined }) })

  it('says a required text is required, not "Too small: expected string to have >=1 characters"', () => {
    expect(messageOf(z.string().min(1), '')).toBe('This field is required.')
    expect(messageOf(z.object({ name: z.string() }), {})).toBe('This field is required.')
  })

  it('names limits in words', () => {
    expect(messageOf(z.string().min(3), 'ab')).toBe('Enter at least 3 characters.')
    expect(messageOf(z.string().max(1), 'ab')).toBe('Enter at most 1 character.')
    expect(messageOf(z.number().int().min(1).max(10), 0)).toBe('Enter a number of at least 1.')
    expect(messageOf(z.number().max(10), 11)).toBe('Enter a number no greater than 10.')
    expect(messageOf(z.number().positive(), 0)).toBe('Enter a number greater than 0.')
    expect(messageOf(z.array(z.string()).min(1), [])).toBe('Choose at least one.')
    expect(messageOf(z.number(), 'x')).toBe('Enter a number.')
  })

  it('explains formats and choices', () => {
    expect(messageOf(z.email(), 'ada')).toBe('Enter an email address, like ada@example.com.')
    expect(messageOf(z.url(), 'nope')).toBe('Enter a full address, starting with https://.')
    expect(messageOf(z.enum(['rolling', 'canary']), 'big_bang')).toBe('Choose one of "rolling", "canary".')
    expect(messageOf(z.string().regex(/^[a-z]+$/), 'A1')).toBe('This is not in the expected format.')
  })

  it('keeps a schema\'s own words', () => {
    expect(messageOf(z.string().min(1, 'Give the pipeline a name.'), '')).toBe('Give the pipeline a name.')
  })

  it('every message it writes is a sentence (capital first, full stop last)', () => {
    const cases: Array<[z.ZodType, unknown]> = [
      [z.string().length(4), 'abc'], [z.number().multipleOf(5), 3], [z.literal('x'), 'y'],
      [z.strictObject({}), { extra: 1 }], [z.union([z.number(), z.boolean()]), 'a'], [z.string().startsWith('v'), '1'],
    ]
    for (const [schema, value] of cases) expect(messageOf(schema, value)).toMatch(/^[A-Z].*\.$/)
  })
})
