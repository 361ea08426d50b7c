// Sign-in and sign-up limits of the local Auth, through supabase-js as the app meets them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestStack, type TestStack } from '../helpers/stack.ts'

process.env.OPZENIX_AUTH_RATE_LIMIT_IP = '12'
process.env.OPZENIX_AUTH_RATE_LIMIT_ACCOUNT = '3'

const PASSWORD = 'a-long-enough-password'
let stack: TestStack

beforeAll(async () => {
  stack = await startTestStack()
  for (const email of ['guessed@example.test', 'other@example.test']) {
    const { error } = await stack.service().auth.admin.createUser({ email, password: PASSWORD, email_confirm: true })
    if (error) throw error
  }
})
afterAll(() => stack?.stop())

const signIn = (email: string, password: string) => stack.anon().auth.signInWithPassword({ email, password })

describe('Auth rate limits', () => {
  it('after 3 failed sign-ins an account is refused with 429 even with its password; other accounts still sign in', async () => {
    for (let i = 0; i < 3; i++) expect((await signIn('guessed@example.test', `guess-${i}`)).error).toMatchObject({ status: 400, code: 'invalid_credentials' })
    const { error } = await signIn('Guessed@example.test', PASSWORD)
    expect(error).toMatchObject({ status: 429, code: 'over_request_rate_limit' })
    expect(error!.message).toMatch(/Too many failed sign-ins for this account; try again in \d+ s/)
    expect((await signIn('other@example.test', PASSWORD)).error).toBeNull()
  })

  it('an address that signs in and up too often gets 429 with Retry-After in GoTrue\'s shape, for every account', async () => {
    // 5 attempts so far from 127.0.0.1; the limit is 12 sign-ins and sign-ups per window.
    const signedIn = stack.anon()
    expect((await signedIn.auth.signInWithPassword({ email: 'other@example.test', password: PASSWORD })).error).toBeNull()
    for (let i = 0; i < 6; i++) {
      const { error } = i % 2 ? await signIn('other@example.test', PASSWORD) : await stack.anon().auth.signUp({ email: `new-${i}@example.test`, password: PASSWORD })
      expect(error).toBeNull()
    }
    const res = await fetch(`${stack.apiUrl}/auth/v1/token?grant_type=password`, {
      method: 'POST', headers: { apikey: stack.anonKey, 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'other@example.test', password: PASSWORD }),
    })
    expect(res.status).toBe(429)
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0)
    expect(await res.json()).toMatchObject({ code: 429, error_code: 'over_request_rate_limit', msg: expect.stringContaining('Request rate limit reached') })
    const { error } = await stack.anon().auth.signUp({ email: 'one-more@example.test', password: PASSWORD })
    expect(error).toMatchObject({ status: 429, code: 'over_request_rate_limit' })
    // Sessions already issued keep working: only new sign-ins and sign-ups wait.
    const { data, error: userError } = await signedIn.auth.getUser()
    expect(userError).toBeNull()
    expect(data.user?.email).toBe('other@example.test')
  })
})
