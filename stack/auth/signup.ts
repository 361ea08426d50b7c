import { randomUUID } from 'node:crypto'
import type { IncomingMessage } from 'node:http'
import type { StackContext } from '../service.ts'
import { transaction } from './db.ts'
import { AuthError, badRequest, unprocessable } from './errors.ts'
import { readParams } from './params.ts'
import { issueSession } from './sessions.ts'
import { signupAnonymously } from './anonymous.ts'
import { confirmEmail, createUser, findUserByEmail, hashPassword, identitiesOf } from './users.ts'
import { userJson } from './user-json.ts'
import { checkPasswordStrength, optionalObject, optionalString, validateEmail } from './validation.ts'

/**
 * POST /signup. With email confirmations off (the CLI default) the user is confirmed at once and signed in;
 * with them on, the user is answered without a session (no mail leaves this machine).
 */
export async function signup(ctx: StackContext, req: IncomingMessage): Promise<unknown> {
  const { auth } = ctx.config
  if (!auth.enableSignup) throw unprocessable('signup_disabled', 'Signups not allowed for this instance')
  const params = await readParams(req)
  const phone = optionalString(params, 'phone')
  const rawEmail = optionalString(params, 'email')
  // No email and no phone is an anonymous sign-in (supabase.auth.signInAnonymously), as in GoTrue.
  if (!rawEmail && !phone) return signupAnonymously(ctx, req, optionalObject(params, 'data') ?? {})
  if (!rawEmail && phone) throw badRequest('phone_provider_disabled', 'Phone signups are disabled')
  if (!auth.emailEnableSignup) throw badRequest('email_provider_disabled', 'Email signups are disabled')
  const password = optionalString(params, 'password')
  if (!password) throw unprocessable('validation_failed', 'Signup requires a valid password')
  const email = validateEmail(rawEmail)
  checkPasswordStrength(password, auth.minimumPasswordLength)
  const data = optionalObject(params, 'data') ?? {}
  const autoconfirm = !auth.emailEnableConfirmations

  return transaction(ctx.pool, async (client) => {
    const existing = await findUserByEmail(client, email)
    if (existing) {
      if (autoconfirm) throw unprocessable('user_already_exists', 'User already registered')
      if (existing.email_confirmed_at) return lookalikeUser(email, data)
      // GoTrue's per-account limit: another confirmation to the same address waits `[auth.email] max_frequency`.
      tooSoon(existing.confirmation_sent_at, auth.emailMaxFrequency)
      // An unconfirmed user signing up again gets a fresh confirmation with the new password.
      await client.query(
        `update auth.users set encrypted_password = $2, raw_user_meta_data = coalesce(raw_user_meta_data, '{}'::jsonb) || $3::jsonb,
           confirmation_sent_at = now(), updated_at = now() where id = $1`,
        [existing.id, await hashPassword(password), data],
      )
      const row = (await findUserByEmail(client, email))!
      return userJson(row, await identitiesOf(client, row.id))
    }
    const user = await createUser(client, {
      email, password, userMetadata: data, confirmed: false, identityInMetadata: true, confirmationSent: !autoconfirm,
    })
    if (!autoconfirm) return userJson(user, await identitiesOf(client, user.id))
    await confirmEmail(client, user.id)
    return issueSession(ctx, client, req, user.id)
  })
}

/** 429 `over_email_send_rate_limit` in GoTrue's words while the last confirmation is younger than `maxFrequency` s. */
function tooSoon(sentAt: Date | null, maxFrequency: number): void {
  if (!sentAt) return
  const left = Math.ceil((sentAt.getTime() + maxFrequency * 1000 - Date.now()) / 1000)
  if (left > 0) {
    throw new AuthError(429, 'over_email_send_rate_limit', `For security purposes, you can only request this after ${left} seconds.`, {}, { 'retry-after': String(left) })
  }
}

/** What GoTrue answers for an already confirmed address, so signups cannot be used to probe for accounts. */
function lookalikeUser(email: string, data: Record<string, unknown>): Record<string, unknown> {
  const now = new Date().toISOString()
  return {
    id: randomUUID(), aud: 'authenticated', role: 'authenticated', email, phone: '',
    confirmation_sent_at: now, app_metadata: { provider: 'email', providers: ['email'] }, user_metadata: data,
    identities: [], created_at: now, updated_at: now, is_anonymous: false,
  }
}
