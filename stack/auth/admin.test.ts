import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestStack, type TestStack } from '../../test/helpers/stack.ts'

let stack: TestStack
beforeAll(async () => { stack = await startTestStack() })
afterAll(async () => { await stack?.stop() })

let counter = 0
const newEmail = () => `admin${++counter}-${Date.now()}@example.com`
const PASSWORD = 'correct-horse-1'

function call(path: string, init: { method?: string; token?: string; body?: string; version?: boolean } = {}) {
  const headers: Record<string, string> = { apikey: stack.anonKey, 'content-type': 'application/json' }
  if (init.token) headers.authorization = `Bearer ${init.token}`
  if (init.version !== false) headers['x-supabase-api-version'] = '2024-01-01'
  return fetch(`${stack.apiUrl}/auth/v1${path}`, { method: init.method ?? 'GET', headers, body: init.body })
}

describe('admin API with the service_role key', () => {
  it('creates a confirmed user with metadata who can then sign in', async () => {
    const email = newEmail()
    const { data, error } = await stack.service().auth.admin.createUser({
      email, password: PASSWORD, email_confirm: true,
      user_metadata: { full_name: 'Made By Admin' }, app_metadata: { org: 'acme' },
    })
    expect(error).toBeNull()
    expect(data.user).toMatchObject({
      email, user_metadata: { full_name: 'Made By Admin', email_verified: true },
      app_metadata: { provider: 'email', providers: ['email'], org: 'acme' },
    })
    expect(data.user?.email_confirmed_at).toBeTruthy()
    const signIn = await stack.anon().auth.signInWithPassword({ email, password: PASSWORD })
    expect(signIn.error).toBeNull()
    expect(signIn.data.user?.app_metadata.org).toBe('acme')
  })

  it('creates an unconfirmed user who cannot sign in until confirmed', async () => {
    const email = newEmail()
    const { data } = await stack.service().auth.admin.createUser({ email, password: PASSWORD })
    expect(data.user?.email_confirmed_at).toBeUndefined()
    const refused = await stack.anon().auth.signInWithPassword({ email, password: PASSWORD })
    expect(refused.error).toMatchObject({ status: 400, code: 'email_not_confirmed' })
    await stack.service().auth.admin.updateUserById(data.user!.id, { email_confirm: true })
    expect((await stack.anon().auth.signInWithPassword({ email, password: PASSWORD })).error).toBeNull()
  })

  it('refuses an email that is already registered', async () => {
    const email = newEmail()
    await stack.service().auth.admin.createUser({ email, password: PASSWORD })
    const { error } = await stack.service().auth.admin.createUser({ email, password: PASSWORD })
    expect(error).toMatchObject({ status: 422, code: 'email_exists' })
  })

  it('lists users a page at a time with GoTrue’s pagination headers', async () => {
    for (let i = 0; i < 3; i++) await stack.service().auth.admin.createUser({ email: newEmail(), password: PASSWORD })
    const res = await call('/admin/users?page=1&per_page=2', { token: stack.serviceRoleKey })
    const body = await res.json()
    const total = Number(res.headers.get('x-total-count'))
    expect(total).toBeGreaterThanOrEqual(3)
    expect(body.aud).toBe('authenticated')
    expect(body.users).toHaveLength(2)
    const last = Math.ceil(total / 2)
    expect(res.headers.get('link')).toBe(
      `</admin/users?page=2&per_page=2>; rel="next", </admin/users?page=${last}&per_page=2>; rel="last"`,
    )

    const { data, error } = await stack.service().auth.admin.listUsers({ page: 1, perPage: 2 })
    expect(error).toBeNull()
    expect(data.users).toHaveLength(2)
    expect(data).toMatchObject({ aud: 'authenticated', total, nextPage: 2 })
    const all = await stack.service().auth.admin.listUsers({ perPage: 1000 })
    expect(all.data.users).toHaveLength(total)
    expect(new Set(all.data.users.map((u) => u.id)).size).toBe(total)
  })

  it('reads, updates and deletes a user by id', async () => {
    const email = newEmail()
    const admin = stack.service().auth.admin
    const { data: created } = await admin.createUser({ email, password: PASSWORD, email_confirm: true, user_metadata: { a: 1, b: 2 } })
    const id = created.user!.id
    expect((await admin.getUserById(id)).data.user).toMatchObject({ id, email })

    const { data: updated, error } = await admin.updateUserById(id, { user_metadata: { b: null, c: 3 }, password: 'another-password' })
    expect(error).toBeNull()
    expect(updated.user?.user_metadata).toMatchObject({ a: 1, c: 3 })
    expect(updated.user?.user_metadata).not.toHaveProperty('b')
    expect((await stack.anon().auth.signInWithPassword({ email, password: 'another-password' })).error).toBeNull()

    expect((await admin.updateUserById(id, { ban_duration: '24h' })).data.user?.banned_until).toBeTruthy()
    expect((await stack.anon().auth.signInWithPassword({ email, password: 'another-password' })).error?.code).toBe('user_banned')
    await admin.updateUserById(id, { ban_duration: 'none' })
    expect((await stack.anon().auth.signInWithPassword({ email, password: 'another-password' })).error).toBeNull()

    expect((await admin.deleteUser(id)).error).toBeNull()
    expect((await admin.getUserById(id)).error).toMatchObject({ status: 404, code: 'user_not_found' })
    expect((await stack.anon().auth.signInWithPassword({ email, password: 'another-password' })).error?.code).toBe('invalid_credentials')
  })

  it('deleting a user cascades to what references auth.users (the profile the trigger made)', async () => {
    const admin = stack.service()
    const { data } = await admin.auth.admin.createUser({ email: newEmail(), password: PASSWORD })
    expect((await admin.from('profiles').select('id').eq('id', data.user!.id)).data).toHaveLength(1)
    await admin.auth.admin.deleteUser(data.user!.id)
    expect((await admin.from('profiles').select('id').eq('id', data.user!.id)).data).toHaveLength(0)
  })
})

describe('admin API refusals', () => {
  it('refuses the anon key', async () => {
    const { data, error } = await stack.anon().auth.admin.listUsers()
    expect(data.users).toEqual([])
    expect(error).toMatchObject({ status: 403, code: 'not_admin', message: 'User not allowed' })
    expect((await stack.anon().auth.admin.createUser({ email: newEmail(), password: PASSWORD })).error?.code).toBe('not_admin')
  })

  it('refuses a signed-in user’s JWT', async () => {
    const { data } = await stack.anon().auth.signUp({ email: newEmail(), password: PASSWORD })
    const jwt = data.session!.access_token
    for (const [method, path] of [['GET', '/admin/users'], ['GET', `/admin/users/${data.user!.id}`], ['DELETE', `/admin/users/${data.user!.id}`]]) {
      const res = await call(path, { method, token: jwt })
      expect(res.status).toBe(403)
      expect(await res.json()).toEqual({ code: 'not_admin', message: 'User not allowed' })
    }
    expect((await stack.anon().auth.getUser(jwt)).data.user?.id).toBe(data.user!.id)
  })
})

describe('GoTrue’s error shapes and public endpoints', () => {
  it('answers malformed JSON with 400 bad_json in both API versions', async () => {
    const modern = await call('/token?grant_type=password', { method: 'POST', body: '{"email": ' })
    expect(modern.status).toBe(400)
    expect(modern.headers.get('x-supabase-api-version')).toBe('2024-01-01')
    expect(await modern.json()).toMatchObject({ code: 'bad_json', message: expect.stringContaining('Could not parse request body as JSON') })
    const legacy = await call('/signup', { method: 'POST', body: 'nope', version: false })
    expect(legacy.status).toBe(400)
    expect(legacy.headers.get('x-supabase-api-version')).toBeNull()
    expect(await legacy.json()).toMatchObject({ code: 400, error_code: 'bad_json', msg: expect.any(String) })
  })

  it('answers an unknown grant_type with 400', async () => {
    const res = await call('/token?grant_type=magic', { method: 'POST', body: '{}' })
    expect(res.status).toBe(400)
    expect(await res.json()).toEqual({ code: 'invalid_credentials', message: 'unsupported_grant_type' })
  })

  it('asks for a bearer token and refuses a forged one', async () => {
    const none = await call('/user')
    expect(none.status).toBe(401)
    expect((await none.json()).code).toBe('no_authorization')
    const forged = await call('/user', { token: `${stack.anonKey.slice(0, -4)}AAAA` })
    expect(forged.status).toBe(403)
    expect((await forged.json()).code).toBe('bad_jwt')
  })

  it('serves /settings and /health', async () => {
    const settings = await (await call('/settings')).json()
    expect(settings).toMatchObject({ disable_signup: false, mailer_autoconfirm: true, external: { email: true, phone: false, github: false } })
    expect(await (await call('/health')).json()).toMatchObject({ name: 'GoTrue' })
  })
})
