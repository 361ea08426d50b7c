import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { decodeJwt } from 'jose'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { FIXTURE_PROJECT, startTestStack, type TestStack } from '../../test/helpers/stack.ts'

// Two stacks: the fixture project as is (anonymous sign-ins off, the CLI default) and with them on.
let workdir: string
let off: TestStack
let on: TestStack
beforeAll(async () => {
  workdir = await mkdtemp(path.join(os.tmpdir(), 'opzenix-auth-anon-'))
  await cp(FIXTURE_PROJECT, workdir, { recursive: true })
  const config = path.join(workdir, 'config.toml')
  await writeFile(config, (await readFile(config, 'utf8')).replace('[auth]\n', '[auth]\nenable_anonymous_sign_ins = true\n'))
  ;[off, on] = await Promise.all([startTestStack(), startTestStack(workdir)])
}, 120_000)
afterAll(async () => {
  await Promise.all([off?.stop(), on?.stop()])
  if (workdir) await rm(workdir, { recursive: true, force: true })
})

describe('anonymous sign-in (supabase.auth.signInAnonymously)', () => {
  it('is refused with GoTrue\'s error while the project has it off', async () => {
    const { data, error } = await off.anon().auth.signInAnonymously()
    expect(data.session).toBeNull()
    expect(error).toMatchObject({ status: 422, code: 'anonymous_provider_disabled', message: 'Anonymous sign-ins are disabled' })
    const settings = await (await fetch(`${off.apiUrl}/auth/v1/settings`, { headers: { apikey: off.anonKey } })).json()
    expect(settings.external.anonymous_users).toBe(false)
  })

  it('signs in a user with no email, is_anonymous in the user and the JWT, and keeps it across a refresh', async () => {
    const settings = await (await fetch(`${on.apiUrl}/auth/v1/settings`, { headers: { apikey: on.anonKey } })).json()
    expect(settings.external.anonymous_users).toBe(true)

    const client = on.anon()
    const { data, error } = await client.auth.signInAnonymously({ options: { data: { theme: 'dark' } } })
    expect(error).toBeNull()
    expect(data.user).toMatchObject({
      is_anonymous: true, email: '', role: 'authenticated', identities: [],
      app_metadata: { provider: 'anonymous', providers: ['anonymous'] }, user_metadata: { theme: 'dark' },
    })
    const claims = decodeJwt(data.session!.access_token)
    expect(claims).toMatchObject({ sub: data.user!.id, role: 'authenticated', is_anonymous: true, amr: [{ method: 'anonymous' }] })

    const refreshed = await client.auth.refreshSession()
    expect(refreshed.error).toBeNull()
    expect(decodeJwt(refreshed.data.session!.access_token).is_anonymous).toBe(true)
    expect((await client.auth.getUser()).data.user?.is_anonymous).toBe(true)

    // Each call is a new user; an email sign-up stays a non-anonymous user.
    const second = await on.anon().auth.signInAnonymously()
    expect(second.data.user!.id).not.toBe(data.user!.id)
    const real = await on.anon().auth.signUp({ email: `real-${Date.now()}@example.com`, password: 'correct-horse-1' })
    expect(decodeJwt(real.data.session!.access_token).is_anonymous).toBe(false)
  })
})
