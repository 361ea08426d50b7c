import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestStack, type TestStack } from '../../test/helpers/stack.ts'

let stack: TestStack
beforeAll(async () => { stack = await startTestStack() })
afterAll(async () => { await stack?.stop() })

let counter = 0
const newEmail = () => `session${++counter}-${Date.now()}@example.com`
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

/** Moves a token's last change into the past, beyond refresh_token_reuse_interval (10 s by default). */
const ageTokens = (sessionOf: string) =>
  sql(`update auth.refresh_tokens set updated_at = now() - interval '1 minute'
       where session_id = (select session_id from auth.refresh_tokens where token = $1)`, [sessionOf])

async function signedIn(email: string) {
  const client = stack.anon()
  const { data, error } = await client.auth.signInWithPassword({ email, password: PASSWORD })
  expect(error).toBeNull()
  return { client, session: data.session! }
}

async function getUserStatus(accessToken: string) {
  const res = await fetch(`${stack.apiUrl}/auth/v1/user`, {
    headers: { apikey: stack.anonKey, authorization: `Bearer ${accessToken}`, 'x-supabase-api-version': '2024-01-01' },
  })
  return { status: res.status, body: await res.json() }
}

describe('refresh token rotation', () => {
  it('issues a new refresh token on each refresh and revokes its parent', async () => {
    const email = newEmail()
    const client = stack.anon()
    const { data: first } = await client.auth.signUp({ email, password: PASSWORD })
    const { data: second, error } = await client.auth.refreshSession()
    expect(error).toBeNull()
    expect(second.session!.refresh_token).not.toBe(first.session!.refresh_token)
    expect(second.user?.id).toBe(first.user!.id)
    const rows = await sql('select token, revoked, parent from auth.refresh_tokens where user_id = $1 order by id', [first.user!.id])
    expect(rows).toEqual([
      { token: first.session!.refresh_token, revoked: true, parent: null },
      { token: second.session!.refresh_token, revoked: false, parent: first.session!.refresh_token },
    ])
    expect((await client.auth.getUser()).data.user?.id).toBe(first.user!.id)
  })

  it('hands the current child back when a just-rotated token is replayed (a client that lost the answer)', async () => {
    const client = stack.anon()
    const { data: first } = await client.auth.signUp({ email: newEmail(), password: PASSWORD })
    const { data: second } = await client.auth.refreshSession()
    const replay = await stack.anon().auth.refreshSession({ refresh_token: first.session!.refresh_token })
    expect(replay.error).toBeNull()
    expect(replay.data.session!.refresh_token).toBe(second.session!.refresh_token)
  })

  it('refuses a rotated token reused after the reuse interval and revokes the whole family', async () => {
    const client = stack.anon()
    const { data: first } = await client.auth.signUp({ email: newEmail(), password: PASSWORD })
    await client.auth.refreshSession()
    const { data: third } = await client.auth.refreshSession()
    await ageTokens(first.session!.refresh_token)

    const stolen = await stack.anon().auth.refreshSession({ refresh_token: first.session!.refresh_token })
    expect(stolen.data.session).toBeNull()
    expect(stolen.error).toMatchObject({ status: 400, code: 'refresh_token_already_used', message: 'Invalid Refresh Token: Already Used' })

    const family = await sql(
      `select revoked from auth.refresh_tokens
       where session_id = (select session_id from auth.refresh_tokens where token = $1)`, [third.session!.refresh_token])
    expect(family).toHaveLength(3)
    expect(family.every((t) => t.revoked)).toBe(true)
    await ageTokens(third.session!.refresh_token)
    const legit = await stack.anon().auth.refreshSession({ refresh_token: third.session!.refresh_token })
    expect(legit.error?.code).toBe('refresh_token_already_used')
  })

  it('refuses an unknown refresh token', async () => {
    const { error } = await stack.anon().auth.refreshSession({ refresh_token: 'nosuchtoken1' })
    expect(error).toMatchObject({ status: 400, code: 'refresh_token_not_found' })
  })
})

describe('sign out', () => {
  async function threeSessions() {
    const email = newEmail()
    await stack.anon().auth.signUp({ email, password: PASSWORD })
    return [await signedIn(email), await signedIn(email), await signedIn(email)]
  }

  it('scope local ends only the caller’s session; its JWT is then refused like GoTrue does', async () => {
    const [a, b, c] = await threeSessions()
    expect((await a.client.auth.signOut({ scope: 'local' })).error).toBeNull()
    expect(await getUserStatus(a.session.access_token)).toEqual({
      status: 403, body: { code: 'session_not_found', message: 'Session from session_id claim in JWT does not exist' },
    })
    const { error } = await stack.anon().auth.getUser(a.session.access_token)
    expect(error?.name).toBe('AuthSessionMissingError')
    expect((await stack.anon().auth.refreshSession({ refresh_token: a.session.refresh_token })).error?.code).toBe('refresh_token_not_found')
    expect((await getUserStatus(b.session.access_token)).status).toBe(200)
    expect((await getUserStatus(c.session.access_token)).status).toBe(200)
  })

  it('scope others ends every other session and keeps the caller’s', async () => {
    const [a, b, c] = await threeSessions()
    expect((await b.client.auth.signOut({ scope: 'others' })).error).toBeNull()
    expect((await getUserStatus(a.session.access_token)).body.code).toBe('session_not_found')
    expect((await getUserStatus(b.session.access_token)).status).toBe(200)
    expect((await getUserStatus(c.session.access_token)).body.code).toBe('session_not_found')
    expect((await b.client.auth.refreshSession()).error).toBeNull()
  })

  it('scope global (the default) ends every session of the user, and only that user', async () => {
    const [a, b, c] = await threeSessions()
    const [other] = await threeSessions()
    expect((await c.client.auth.signOut()).error).toBeNull()
    for (const s of [a, b, c]) expect((await getUserStatus(s.session.access_token)).status).toBe(403)
    expect((await getUserStatus(other.session.access_token)).status).toBe(200)
    expect(await c.client.auth.getSession()).toMatchObject({ data: { session: null } })
  })

  it('a password change signs the user out everywhere else', async () => {
    const [a, b] = await threeSessions()
    expect((await a.client.auth.updateUser({ password: 'changed-password' })).error).toBeNull()
    expect((await getUserStatus(a.session.access_token)).status).toBe(200)
    expect((await getUserStatus(b.session.access_token)).body.code).toBe('session_not_found')
  })
})
