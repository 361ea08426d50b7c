import { decodeJwt } from 'jose'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestStack, type TestStack } from '../../test/helpers/stack.ts'

let stack: TestStack
beforeAll(async () => { stack = await startTestStack() })
afterAll(async () => { await stack?.stop() })

let counter = 0
const newEmail = () => `user${++counter}-${Date.now()}@example.com`
const PASSWORD = 'correct-horse-1'

async function sql<T = any>(text: string, values: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: stack.dbUrl })
  await client.connect()
  try {
    return (await client.query(text, values)).rows
  } finally {
    await client.end()
  }
}

describe('sign up and sign in with supabase-js', () => {
  it('signs a new user up and in at once while email confirmations are off', async () => {
    const email = newEmail()
    const { data, error } = await stack.anon().auth.signUp({ email, password: PASSWORD, options: { data: { full_name: 'Ada' } } })
    expect(error).toBeNull()
    expect(data.session?.access_token).toBeTruthy()
    expect(data.session?.refresh_token).toMatch(/^[a-z0-9]{12}$/)
    expect(data.session?.token_type).toBe('bearer')
    expect(data.session?.expires_in).toBe(3600)
    expect(data.user).toMatchObject({
      email, aud: 'authenticated', role: 'authenticated', phone: '', is_anonymous: false,
      app_metadata: { provider: 'email', providers: ['email'] },
      user_metadata: { full_name: 'Ada', email, email_verified: true, phone_verified: false, sub: data.user!.id },
    })
    expect(data.user?.email_confirmed_at).toBeTruthy()
    expect(data.user?.confirmed_at).toBeTruthy()
    expect(data.user?.last_sign_in_at).toBeTruthy()
    expect(data.user?.identities).toEqual([expect.objectContaining({
      provider: 'email', id: data.user!.id, user_id: data.user!.id,
      identity_data: expect.objectContaining({ sub: data.user!.id, email, email_verified: true }),
    })])
  })

  it('stores a bcrypt hash, the email identity, the session and its refresh token', async () => {
    const email = newEmail()
    const { data } = await stack.anon().auth.signUp({ email, password: PASSWORD })
    const [user] = await sql('select encrypted_password from auth.users where id = $1', [data.user!.id])
    expect(user.encrypted_password).toMatch(/^\$2[aby]\$10\$/)
    expect(await sql('select provider from auth.identities where user_id = $1', [data.user!.id])).toEqual([{ provider: 'email' }])
    const sessions = await sql('select id, aal from auth.sessions where user_id = $1', [data.user!.id])
    expect(sessions).toEqual([{ id: decodeJwt(data.session!.access_token).session_id, aal: 'aal1' }])
    const tokens = await sql('select token, revoked, parent from auth.refresh_tokens where session_id = $1', [sessions[0].id])
    expect(tokens).toEqual([{ token: data.session!.refresh_token, revoked: false, parent: null }])
  })

  it('fires a project trigger on auth.users (handle_new_user fills profiles)', async () => {
    const email = newEmail()
    const client = stack.anon()
    const { data } = await client.auth.signUp({ email, password: PASSWORD, options: { data: { full_name: 'Grace' } } })
    const { data: profile, error } = await client.from('profiles').select('id, email, full_name').single()
    expect(error).toBeNull()
    expect(profile).toEqual({ id: data.user!.id, email, full_name: 'Grace' })
  })

  it('signs in with the right password and refuses a wrong one', async () => {
    const email = newEmail()
    await stack.anon().auth.signUp({ email, password: PASSWORD })
    const ok = await stack.anon().auth.signInWithPassword({ email: email.toUpperCase(), password: PASSWORD })
    expect(ok.error).toBeNull()
    expect(ok.data.user?.email).toBe(email)
    const wrong = await stack.anon().auth.signInWithPassword({ email, password: 'not-the-password' })
    expect(wrong.data.session).toBeNull()
    expect(wrong.error).toMatchObject({ name: 'AuthApiError', status: 400, code: 'invalid_credentials', message: 'Invalid login credentials' })
    const unknown = await stack.anon().auth.signInWithPassword({ email: newEmail(), password: PASSWORD })
    expect(unknown.error).toMatchObject({ status: 400, code: 'invalid_credentials' })
  })

  it('refuses a second signup with the same email', async () => {
    const email = newEmail()
    await stack.anon().auth.signUp({ email, password: PASSWORD })
    const { data, error } = await stack.anon().auth.signUp({ email, password: 'another-password' })
    expect(data.user).toBeNull()
    expect(error).toMatchObject({ status: 422, code: 'user_already_exists', message: 'User already registered' })
  })

  it('refuses a password shorter than minimum_password_length (8 in the fixture)', async () => {
    const { error } = await stack.anon().auth.signUp({ email: newEmail(), password: 'short12' })
    expect(error).toMatchObject({ name: 'AuthWeakPasswordError', status: 422, code: 'weak_password', reasons: ['length'] })
    expect(error?.message).toBe('Password should be at least 8 characters.')
  })

  it('refuses a malformed email address', async () => {
    const { error } = await stack.anon().auth.signUp({ email: 'not-an-email', password: PASSWORD })
    expect(error).toMatchObject({ status: 400, code: 'validation_failed' })
  })
})

describe('the signed-in user', () => {
  it('reads itself with getUser and updates its data, email and password', async () => {
    const email = newEmail()
    const client = stack.anon()
    const { data: signedUp } = await client.auth.signUp({ email, password: PASSWORD, options: { data: { theme: 'dark' } } })
    const { data: got, error } = await client.auth.getUser()
    expect(error).toBeNull()
    expect(got.user).toMatchObject({ id: signedUp.user!.id, email, user_metadata: { theme: 'dark' } })

    const newAddress = newEmail()
    const updated = await client.auth.updateUser({ email: newAddress, password: 'a-new-password', data: { theme: 'light', lang: 'fr' } })
    expect(updated.error).toBeNull()
    expect(updated.data.user).toMatchObject({ email: newAddress, user_metadata: { theme: 'light', lang: 'fr' } })

    expect((await stack.anon().auth.signInWithPassword({ email: newAddress, password: 'a-new-password' })).error).toBeNull()
    expect((await stack.anon().auth.signInWithPassword({ email: newAddress, password: PASSWORD })).error?.code).toBe('invalid_credentials')
    expect((await stack.anon().auth.signInWithPassword({ email, password: 'a-new-password' })).error?.code).toBe('invalid_credentials')
  })

  it('refuses a new password equal to the old one, or too short', async () => {
    const client = stack.anon()
    await client.auth.signUp({ email: newEmail(), password: PASSWORD })
    expect((await client.auth.updateUser({ password: PASSWORD })).error).toMatchObject({ status: 422, code: 'same_password' })
    expect((await client.auth.updateUser({ password: 'tiny' })).error).toMatchObject({ status: 422, code: 'weak_password' })
  })

  it('refuses to take an email another user has', async () => {
    const taken = newEmail()
    await stack.anon().auth.signUp({ email: taken, password: PASSWORD })
    const client = stack.anon()
    await client.auth.signUp({ email: newEmail(), password: PASSWORD })
    expect((await client.auth.updateUser({ email: taken })).error).toMatchObject({ status: 422, code: 'email_exists' })
  })

  it('gets an access token with GoTrue’s claims', async () => {
    const email = newEmail()
    const { data } = await stack.anon().auth.signUp({ email, password: PASSWORD, options: { data: { full_name: 'Claims' } } })
    const claims = decodeJwt(data.session!.access_token)
    const now = Math.floor(Date.now() / 1000)
    expect(claims).toMatchObject({
      aud: 'authenticated', iss: `${stack.apiUrl}/auth/v1`, sub: data.user!.id, email, phone: '', role: 'authenticated',
      aal: 'aal1', is_anonymous: false, app_metadata: { provider: 'email', providers: ['email'] },
      user_metadata: expect.objectContaining({ full_name: 'Claims' }),
    })
    expect(claims.exp! - claims.iat!).toBe(3600)
    expect(Math.abs(claims.iat! - now)).toBeLessThan(60)
    expect(claims.amr).toEqual([{ method: 'password', timestamp: expect.any(Number) }])
    expect(claims.session_id).toMatch(/^[0-9a-f-]{36}$/)
    expect(data.session!.expires_at).toBe(claims.exp)
  })

  it('gets a token PostgREST accepts, and RLS keeps each user’s notes to themselves', async () => {
    const alice = stack.anon()
    const bob = stack.anon()
    const { data: a } = await alice.auth.signUp({ email: newEmail(), password: PASSWORD })
    const { data: b } = await bob.auth.signUp({ email: newEmail(), password: PASSWORD })
    expect((await alice.from('notes').insert({ body: 'alice secret' })).error).toBeNull()
    expect((await bob.from('notes').insert({ body: 'bob secret' })).error).toBeNull()

    const aliceNotes = await alice.from('notes').select('body, owner_id')
    expect(aliceNotes.data).toEqual([{ body: 'alice secret', owner_id: a.user!.id }])
    const bobNotes = await bob.from('notes').select('body, owner_id')
    expect(bobNotes.data).toEqual([{ body: 'bob secret', owner_id: b.user!.id }])
    const forged = await bob.from('notes').insert({ body: 'as alice', owner_id: a.user!.id })
    expect(forged.error?.code).toBe('42501')
  })
})
