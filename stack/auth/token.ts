import type { IncomingMessage } from 'node:http'
import type { StackContext } from '../service.ts'
import { transaction } from './db.ts'
import { AuthError, badRequest } from './errors.ts'
import { readParams } from './params.ts'
import type { AuthLimits } from './rate-limit.ts'
import { issueSession, refreshSession } from './sessions.ts'
import { findUserByEmail, passwordMatches } from './users.ts'
import { optionalString } from './validation.ts'

const INVALID_LOGIN = 'Invalid login credentials'

/** POST /token?grant_type=password|refresh_token */
export async function token(ctx: StackContext, req: IncomingMessage, query: URLSearchParams, limits: AuthLimits): Promise<unknown> {
  const grantType = query.get('grant_type')
  if (grantType === 'password') return passwordGrant(ctx, req, limits)
  if (grantType === 'refresh_token') return refreshTokenGrant(ctx, req)
  // GoTrue reports every unknown or unset grant this way.
  throw badRequest('invalid_credentials', 'unsupported_grant_type')
}

async function passwordGrant(ctx: StackContext, req: IncomingMessage, limits: AuthLimits): Promise<unknown> {
  const params = await readParams(req)
  const email = optionalString(params, 'email')
  const phone = optionalString(params, 'phone')
  const password = optionalString(params, 'password') ?? ''
  if (email && phone) throw new AuthError(422, 'validation_failed', 'Only an email address or phone number should be provided on login.')
  if (phone) throw badRequest('phone_provider_disabled', 'Phone logins are disabled')
  if (!email) throw badRequest('validation_failed', 'missing email or phone')

  limits.checkAccount(email)
  const user = await findUserByEmail(ctx.pool, email)
  if (!user || !(await passwordMatches(user, password))) {
    limits.failedSignIn(email) // unknown addresses too, so a refusal says nothing about whether the account exists
    throw badRequest('invalid_credentials', INVALID_LOGIN)
  }
  if (user.banned_until && user.banned_until > new Date()) throw badRequest('user_banned', 'User is banned')
  if (!user.email_confirmed_at) throw badRequest('email_not_confirmed', 'Email not confirmed')
  return transaction(ctx.pool, (client) => issueSession(ctx, client, req, user.id))
}

async function refreshTokenGrant(ctx: StackContext, req: IncomingMessage): Promise<unknown> {
  const params = await readParams(req)
  const refreshToken = optionalString(params, 'refresh_token')
  if (!refreshToken) throw badRequest('validation_failed', 'refresh_token required')
  return refreshSession(ctx, ctx.pool, req, refreshToken)
}
