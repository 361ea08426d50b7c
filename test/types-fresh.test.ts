import { readFile } from 'node:fs/promises'
import { describe, expect, it } from 'vitest'
import { FIXTURE_PROJECT } from './helpers/stack.ts'
import { firstDifference, generateFreshTypes, TYPES_FILE } from '../stack/gen-types.ts'

describe('generated database types', () => {
  it('src/integrations/supabase/types.ts matches the migrations in supabase/ (else run npm run gen:types)', async () => {
    const generated = await generateFreshTypes()
    const committed = await readFile(TYPES_FILE, 'utf8')
    expect(firstDifference(committed, generated), 'stale types: run `npm run gen:types -- --fresh`').toBeUndefined()
  }, 120_000)

  it('describes the tables, columns and functions a migration creates', async () => {
    const types = await generateFreshTypes(FIXTURE_PROJECT)
    expect(types).toMatch(/"notes": \{\s*Row: \{\s*"body": string,/)
    expect(types).toMatch(/export type Tables</)
    expect(types).not.toContain('Connected to')
  }, 120_000)
})
