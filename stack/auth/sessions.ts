import { randomBytes, randomUUID } from 'node:crypto'
import type { IncomingMessage } from 'node:http'
import type pg from 'pg'
import { signJwt } from '../jwt.ts'
import type { StackContext } from '../service.ts'
import { transaction, type Db } from './db.ts'
import { badRequest } from './errors.ts'
import { findUserById, identitiesOf } from './users.ts'
import { userJson, type UserRow } from './user-json.ts'

const NIL_INSTANCE = '00000000-0000-0000-0000-000000000000'
const TOKEN_ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789'

interface SessionRow {
  id: string
  user_id: string
  created_at: Date
  not_after: Date | null
}

interface RefreshTokenRow {
  id: string
  token: string
  user_id: string
  revoked: boolean
  updated_at: Date
  parent: string | null
  session_id: string | null
}

/** A refresh token like GoTrue's: 12 random lowercase letters and digits. */
function newRefreshTokenString(): string {
  const bytes = randomBytes(12)
  return Array.from(bytes, (b) => TOKEN_ALPHABET[b % TOKEN_ALPHABET.length]).join('')
}

function clientIp(req: IncomingMessage): string | null {
  const forwarded = req.headers['x-forwarded-for']
  const first = typeof forwarded === 'string' ? forwarded.split(',')[0].trim() : undefined
  return first || req.socket.remoteAddress || null
}

function userAgent(req: IncomingMessage): string | null {
  return typeof req.headers['user-agent'] === 'string' ? req.headers['user-agent'] : null
}

/** An HS256 access token with GoTrue's claims. */
export async function signAccessToken(ctx: StackContext, user: UserRow, session: SessionRow): Promise<{ token: string; expiresAt: number }> {
  const iat = Math.floor(Date.now() / 1000)
  const expiresAt = iat + ctx.config.auth.jwtExpiry
  const token = await signJwt({
    iss: `${ctx.apiUrl}/auth/v1`,
    sub: user.id,
    aud: user.aud ?? 'authenticated',
    exp: expiresAt,
    iat,
    email: user.email ?? '',
    phone: user.phone ?? '',
    app_metadata: user.raw_app_meta_data ?? {},
    user_metadata: user.raw_user_meta_data ?? {},
    role: user.role ?? 'authenticated',
    aal: 'aal1',
    // Password or anonymous sign-ins only exist here, timed at the session's start.
    amr: [{ method: user.is_anonymous ? 'anonymous' : 'password', timestamp: Math.floor(session.created_at.getTime() / 1000) }],
    session_id: session.id,
    is_anonymous: user.is_anonymous,
  }, ctx.config.jwtSecret)
  return { token, expiresAt }
}

async function sessionResponse(ctx: StackContext, client: Db, userId: string, session: SessionRow, refreshToken: string) {
  const user = (await findUserById(client, userId))!
  const { token, expiresAt } = await signAccessToken(ctx, user, session)
  return {
    access_token: token,
    token_type: 'bearer',
    expires_in: ctx.config.auth.jwtExpiry,
    expires_at: expiresAt,
    refresh_token: refreshToken,
    user: userJson(user, await identitiesOf(client, userId)),
  }
}

export type SessionJson = Awaited<ReturnType<typeof sessionResponse>>

async function insertRefreshToken(client: Db, userId: string, sessionId: string, parent: string | null): Promise<string> {
  const token = newRefreshTokenString()
  await client.query(
    `insert into auth.refresh_tokens (instance_id, token, user_id, revoked, created_at, updated_at, parent, session_id)
     values ($1, $2, $3, false, now(), now(), $4, $5)`,
    [NIL_INSTANCE, token, userId, parent, sessionId],
  )
  return token
}

/** Signs the user in: a new session, its first refresh token, last_sign_in_at, and the session JSON. */
export async function issueSession(ctx: StackContext, client: Db, req: IncomingMessage, userId: string): Promise<SessionJson> {
  const { rows } = await client.query<SessionRow>(
    `insert into auth.sessions (id, user_id, created_at, updated_at, aal, user_agent, ip)
     values ($1, $2, now(), now(), 'aal1', $3, $4) returning *`,
    [randomUUID(), userId, userAgent(req), clientIp(req)],
  )
  const refreshToken = await insertRefreshToken(client, userId, rows[0].id, null)
  await client.query('update auth.users set last_sign_in_at = now(), updated_at = now() where id = $1', [userId])
  await client.query(`update auth.identities set last_sign_in_at = now() where user_id = $1 and provider = 'email'`, [userId])
  return sessionResponse(ctx, client, userId, rows[0], refreshToken)
}

type RefreshOutcome = { session: SessionJson } | { reused: true }

/**
 * The refresh_token grant with GoTrue's rotation rules: each use revokes the token and issues a child; a revoked
 * token whose child is the active one gets that child back; any other revoked token is accepted only within
 * refresh_token_reuse_interval, after which it revokes the whole session's family and is refused.
 */
export async function refreshSession(ctx: StackContext, pool: pg.Pool, req: IncomingMessage, refreshToken: string): Promise<SessionJson> {
  const outcome = await transaction<RefreshOutcome>(pool, async (client) => {
    const { rows } = await client.query<RefreshTokenRow>('select * from auth.refresh_tokens where token = $1 for update', [refreshToken])
    const token = rows[0]
    if (!token) throw badRequest('refresh_token_not_found', 'Invalid Refresh Token: Refresh Token Not Found')
    const user = await findUserById(client, token.user_id)
    if (!user) throw badRequest('refresh_token_not_found', 'Invalid Refresh Token: Refresh Token Not Found')
    if (user.banned_until && user.banned_until > new Date()) throw badRequest('user_banned', 'Invalid Refresh Token: User Banned')
    const sessions = await client.query<SessionRow>('select * from auth.sessions where id = $1 for update', [token.session_id])
    const session = sessions.rows[0]
    if (!session) throw badRequest('session_not_found', 'Invalid Refresh Token: No Valid Session Found')
    if (session.not_after && session.not_after < new Date()) throw badRequest('session_expired', 'Invalid Refresh Token: Session Expired')

    let issued: string | undefined
    if (token.revoked) {
      const active = await client.query<RefreshTokenRow>(
        'select * from auth.refresh_tokens where session_id = $1 and revoked = false order by id desc limit 1',
        [session.id],
      )
      if (active.rows[0]?.parent === token.token) {
        issued = active.rows[0].token
      } else {
        const reuseUntil = token.updated_at.getTime() + ctx.config.auth.refreshTokenReuseInterval * 1000
        if (Date.now() > reuseUntil) {
          if (ctx.config.auth.enableRefreshTokenRotation) {
            await client.query(
              'update auth.refresh_tokens set revoked = true, updated_at = now() where session_id = $1 and revoked = false',
              [session.id],
            )
          }
          return { reused: true }
        }
      }
    }
    if (!issued) {
      await client.query('update auth.refresh_tokens set revoked = true, updated_at = now() where id = $1', [token.id])
      issued = await insertRefreshToken(client, user.id, session.id, token.token)
    }
    await client.query(
      `update auth.sessions set refreshed_at = now() at time zone 'utc', updated_at = now(), user_agent = $2, ip = $3
       where id = $1`,
      [session.id, userAgent(req), clientIp(req)],
    )
    return { session: await sessionResponse(ctx, client, user.id, session, issued) }
  })
  // The family revocation above is committed before the reuse is refused.
  if ('reused' in outcome) throw badRequest('refresh_token_already_used', 'Invalid Refresh Token: Already Used')
  return outcome.session
}

export type LogoutScope = 'global' | 'local' | 'others'

/** Ends sessions (their refresh tokens go with them): every one, only `sessionId`, or all but `sessionId`. */
export async function logout(db: Db, userId: string, sessionId: string | undefined, scope: LogoutScope): Promise<void> {
  if (sessionId && scope === 'local') {
    await db.query('delete from auth.sessions where id = $1', [sessionId])
  } else if (sessionId && scope === 'others') {
    await db.query('delete from auth.sessions where user_id = $1 and id <> $2', [userId, sessionId])
  } else {
    await db.query('delete from auth.sessions where user_id = $1', [userId])
  }
  await db.query(`delete from auth.refresh_tokens where user_id = $1 and session_id is null`, [userId])
}

export async function findSession(db: Db, id: string): Promise<SessionRow | undefined> {
  const { rows } = await db.query<SessionRow>('select * from auth.sessions where id = $1', [id])
  return rows[0]
}
