import type { IncomingMessage } from 'node:http'
import type { StackContext } from '../service.ts'
import { isAdminClaims, requireUser } from './authenticate.ts'
import { transaction } from './db.ts'
import { badRequest, forbidden, unprocessable } from './errors.ts'
import { readParams } from './params.ts'
import { logout, type LogoutScope } from './sessions.ts'
import { changeEmail, emailTaken, findUserById, loadUserJson, passwordMatches, setPassword } from './users.ts'
import { checkPasswordStrength, mergeMetadata, optionalObject, optionalString, validateEmail } from './validation.ts'

/** GET /user */
export async function getUser(ctx: StackContext, req: IncomingMessage): Promise<unknown> {
  const { user } = await requireUser(ctx, req)
  return loadUserJson(ctx.pool, user.id)
}

/** PUT /user: email, password and data (user_metadata) of the signed-in user. */
export async function updateUser(ctx: StackContext, req: IncomingMessage): Promise<unknown> {
  const caller = await requireUser(ctx, req)
  const params = await readParams(req)
  const email = optionalString(params, 'email')
  const password = optionalString(params, 'password')
  const data = optionalObject(params, 'data')
  const appData = optionalObject(params, 'app_metadata')
  if (appData && !isAdminClaims(caller.claims)) throw forbidden('not_admin', 'Updating app_metadata requires admin privileges')
  if (optionalString(params, 'phone')) throw badRequest('phone_provider_disabled', 'Phone logins are disabled')

  return transaction(ctx.pool, async (client) => {
    // Locked and read again so concurrent metadata updates merge instead of overwriting each other.
    const user = (await findUserById(client, caller.user.id, true)) ?? caller.user
    if (password !== undefined) {
      checkPasswordStrength(password, ctx.config.auth.minimumPasswordLength)
      if (await passwordMatches(user, password)) {
        throw unprocessable('same_password', 'New password should be different from the old password.')
      }
      await setPassword(client, user.id, password)
      // A new password signs the user out everywhere else, as GoTrue does.
      await logout(client, user.id, caller.sessionId, 'others')
    }
    if (data) {
      await client.query('update auth.users set raw_user_meta_data = $2, updated_at = now() where id = $1', [
        user.id, mergeMetadata(user.raw_user_meta_data, data),
      ])
    }
    if (appData) {
      await client.query('update auth.users set raw_app_meta_data = $2, updated_at = now() where id = $1', [
        user.id, mergeMetadata(user.raw_app_meta_data, appData),
      ])
    }
    if (email !== undefined) {
      const normalized = validateEmail(email)
      if (normalized !== user.email) {
        if (await emailTaken(client, normalized, user.id)) {
          throw unprocessable('email_exists', 'A user with this email address has already been registered')
        }
        if (ctx.config.auth.emailEnableConfirmations) {
          // Would wait for the link in the mail; the address stays pending, as GoTrue shows it (new_email).
          await client.query(
            'update auth.users set email_change = $2, email_change_sent_at = now(), updated_at = now() where id = $1',
            [user.id, normalized],
          )
        } else {
          await changeEmail(client, user.id, normalized)
        }
      }
    }
    return loadUserJson(client, user.id)
  })
}

/** POST /logout?scope=global|local|others; answers 204. */
export async function signOut(ctx: StackContext, req: IncomingMessage, query: URLSearchParams): Promise<void> {
  const raw = query.get('scope') ?? 'global'
  const scope = (raw === '' ? 'global' : raw) as LogoutScope
  if (!['global', 'local', 'others'].includes(scope)) throw badRequest('validation_failed', `Unsupported logout scope "${raw}"`)
  const caller = await requireUser(ctx, req)
  await logout(ctx.pool, caller.user.id, caller.sessionId, scope)
}
