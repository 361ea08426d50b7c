import { describe, expect, it } from 'vitest'
import { VARIABLE_CASES } from './secret-cases.ts'
import { configProblems, isHighEntropyToken, secretLookalike, secretReferenceRefusal, shannonEntropy, variableRefusal } from './secrets.ts'

describe('variableRefusal', () => {
  it.each(VARIABLE_CASES)('$name', ({ name, value, refused }) => {
    const refusal = variableRefusal(name, value)
    if (refused === null) expect(refusal).toBeNull()
    else {
      expect(refusal).toMatch(refused)
      expect(refusal).toContain('Use a secret reference instead')
    }
  })

  it('never repeats the value it refuses', () => {
    for (const { name, value, refused } of VARIABLE_CASES) {
      if (refused && typeof value === 'string' && value.length > 8) expect(variableRefusal(name, value)).not.toContain(value)
    }
  })

  it('refuses names that are not identifiers and values that are not scalars', () => {
    expect(variableRefusal('1ST', 'x')).toMatch(/is not valid/)
    expect(variableRefusal('', 'x')).toMatch(/\(empty\) is not valid/)
    expect(variableRefusal('HAS SPACE', 'x')).toMatch(/is not valid/)
    expect(variableRefusal('OBJ', { a: 1 })).toMatch(/must be a string, a number or true\/false/)
    expect(variableRefusal('NUL', null)).toMatch(/must be a string/)
    expect(variableRefusal('INF', Number.POSITIVE_INFINITY)).toMatch(/must be a string/)
    expect(variableRefusal('LONG', 'a '.repeat(2001))).toMatch(/longer than 4000/)
  })

  it('checks the name before the value, whatever the value type', () => {
    expect(variableRefusal('API_TOKEN', 42)).toMatch(/its name says/)
    expect(variableRefusal('PRIVATE_KEY', true)).toMatch(/its name says/)
  })
})

describe('entropy', () => {
  it('measures bits per character', () => {
    expect(shannonEntropy('')).toBe(0)
    expect(shannonEntropy('aaaa')).toBe(0)
    expect(shannonEntropy('abab')).toBe(1)
    expect(shannonEntropy('abcd')).toBe(2)
  })

  it('flags random tokens of 20 or more characters, not shorter ones or words', () => {
    expect(isHighEntropyToken('Zk3q9Lm2Xp7Rt4Vb8Nc1')).toBe(true)
    expect(isHighEntropyToken('Zk3q9Lm2Xp7Rt4Vb8Nc')).toBe(false) // 19 characters
    expect(isHighEntropyToken('abcdefghijklmnopqrstuvwxyz')).toBe(false) // no digit
    expect(isHighEntropyToken('Zk3q9Lm2Xp7Rt4Vb8Nc1.example')).toBe(false) // not the token alphabet
    expect(isHighEntropyToken('f47ac10b-58cc-4372-a567-0e02b2c3d479')).toBe(false)
  })

  it('leaves entropy out for secret reference keys (vault paths and key vault names may look random)', () => {
    expect(secretLookalike('Zk3q9Lm2Xp7Rt4Vb8Nc1Hd6J', false)).toBeNull()
    expect(secretLookalike('Zk3q9Lm2Xp7Rt4Vb8Nc1Hd6J')).toBe('a random token (high entropy)')
  })
})

describe('secretReferenceRefusal', () => {
  it('accepts a provider and a key', () => {
    expect(secretReferenceRefusal('DATABASE_URL', 'supabase_vault', 'payments-api/dev/database_url')).toBeNull()
    expect(secretReferenceRefusal('STRIPE', 'azure_key_vault', 'kv-payments-prod/stripe-api-key')).toBeNull()
  })

  it('refuses an unknown provider, an empty key and a key that is a value', () => {
    expect(secretReferenceRefusal('X', 'dropbox', 'k')).toMatch(/provider must be one of/)
    expect(secretReferenceRefusal('X', 'supabase_vault', '  ')).toMatch(/give the key/)
    expect(secretReferenceRefusal('X', 'supabase_vault', 'ghp_0123456789abcdefghijABCDEFGHIJklmnopqr')).toMatch(/the key looks like a GitHub token/)
    expect(secretReferenceRefusal('bad name', 'supabase_vault', 'k')).toMatch(/is not valid/)
  })
})

describe('configProblems', () => {
  it('names every offender with its path, in name order', () => {
    const problems = configProblems(
      { Z_TOKEN: 'x', A_OK: 'fine', GH: 'ghp_0123456789abcdefghijABCDEFGHIJklmnopqr' },
      [
        { name: 'DB', provider: 'supabase_vault', key: 'app/db' },
        { name: 'DB', provider: 'supabase_vault', key: 'app/db2' },
        { name: 'A_OK', provider: 'supabase_vault', key: 'app/a' },
      ],
    )
    expect(problems.map((p) => p.path)).toEqual(['variables.GH', 'variables.Z_TOKEN', 'secrets.1', 'secrets.2'])
    expect(problems[2].message).toBe('each secret reference name appears once')
    expect(problems[3].message).toBe('a name is either a variable or a secret reference, not both')
  })

  it('finds nothing wrong with a plain configuration', () => {
    expect(configProblems({ LOG_LEVEL: 'info', REPLICAS: 2 }, [{ name: 'DATABASE_URL', provider: 'supabase_vault', key: 'db' }])).toEqual([])
  })
})
