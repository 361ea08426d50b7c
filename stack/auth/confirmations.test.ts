import { appendFile, cp, mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { FIXTURE_PROJECT, startTestStack, type TestStack } from '../../test/helpers/stack.ts'

// The fixture project with `[auth.email] enable_confirmations = true` and hosted Supabase's `max_frequency = "60s"`.
let workdir: string
let stack: TestStack
beforeAll(async () => {
  workdir = await mkdtemp(path.join(os.tmpdir(), 'opzenix-auth-confirm-'))
  await cp(FIXTURE_PROJECT, workdir, { recursive: true })
  await appendFile(path.join(workdir, 'config.toml'), '\n[auth.email]\nenable_confirmations = true\nmax_frequency = "60s"\n')
  stack = await startTestStack(workdir)
})
afterAll(async () => {
  await stack?.stop()
  if (workdir) await rm(workdir, { recursive: true, force: true })
})

const PASSWORD = 'correct-horse-1'

describe('signup with email confirmations on', () => {
  it('returns the user without a session, and sign-in waits for the confirmation', async () => {
    const email = `confirm-${Date.now()}@example.com`
    const { data, error } = await stack.anon().auth.signUp({ email, password: PASSWORD })
    expect(error).toBeNull()
    expect(data.session).toBeNull()
    expect(data.user).toMatchObject({ email, user_metadata: { email_verified: false } })
    expect(data.user?.confirmation_sent_at).toBeTruthy()
    expect(data.user?.email_confirmed_at).toBeUndefined()

    const refused = await stack.anon().auth.signInWithPassword({ email, password: PASSWORD })
    expect(refused.error).toMatchObject({ status: 400, code: 'email_not_confirmed', message: 'Email not confirmed' })

    await stack.service().auth.admin.updateUserById(data.user!.id, { email_confirm: true })
    expect((await stack.anon().auth.signInWithPassword({ email, password: PASSWORD })).error).toBeNull()
  })

  it('refuses another sign-up of the same unconfirmed address within max_frequency, as GoTrue does, changing nothing', async () => {
    const email = `again-${Date.now()}@example.com`
    const first = await stack.anon().auth.signUp({ email, password: PASSWORD })
    expect(first.error).toBeNull()
    const again = await stack.anon().auth.signUp({ email, password: 'another-password-2' })
    expect(again.error).toMatchObject({ status: 429, code: 'over_email_send_rate_limit' })
    expect(again.error?.message).toMatch(/^For security purposes, you can only request this after (59|60) seconds\.$/)
    const res = await fetch(`${stack.apiUrl}/auth/v1/signup`, {
      method: 'POST', headers: { apikey: stack.anonKey, 'content-type': 'application/json' }, body: JSON.stringify({ email, password: PASSWORD }),
    })
    expect(res.status).toBe(429)
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0)

    await stack.service().auth.admin.updateUserById(first.data.user!.id, { email_confirm: true })
    expect((await stack.anon().auth.signInWithPassword({ email, password: 'another-password-2' })).error?.code).toBe('invalid_credentials')
    expect((await stack.anon().auth.signInWithPassword({ email, password: PASSWORD })).error).toBeNull()
  })

  it('does not reveal that a confirmed address is registered', async () => {
    const email = `taken-${Date.now()}@example.com`
    const { data: real } = await stack.service().auth.admin.createUser({ email, password: PASSWORD, email_confirm: true })
    const { data, error } = await stack.anon().auth.signUp({ email, password: 'someone-else-1' })
    expect(error).toBeNull()
    expect(data.session).toBeNull()
    expect(data.user?.id).not.toBe(real.user!.id)
    expect((await stack.anon().auth.signInWithPassword({ email, password: 'someone-else-1' })).error?.code).toBe('invalid_credentials')
  })

  it('says so in /settings', async () => {
    const res = await fetch(`${stack.apiUrl}/auth/v1/settings`, { headers: { apikey: stack.anonKey } })
    expect(await res.json()).toMatchObject({ mailer_autoconfirm: false })
  })
})
