import type { IncomingMessage } from 'node:http'
import { randomUUID } from 'node:crypto'
import type { StackContext } from '../service.ts'
import { transaction } from './db.ts'
import { unprocessable } from './errors.ts'
import { issueSession } from './sessions.ts'

const NIL_INSTANCE = '00000000-0000-0000-0000-000000000000'

/**
 * GoTrue's anonymous sign-in: a user with no email, phone, password or identity, `is_anonymous = true`, the
 * "anonymous" provider in app_metadata, and a session at once (its JWT carries `is_anonymous: true`).
 */
export async function signupAnonymously(ctx: StackContext, req: IncomingMessage, data: Record<string, unknown>): Promise<unknown> {
  if (!ctx.config.auth.enableAnonymousSignIns) throw unprocessable('anonymous_provider_disabled', 'Anonymous sign-ins are disabled')
  return transaction(ctx.pool, async (client) => {
    const id = randomUUID()
    await client.query(
      `insert into auth.users (instance_id, id, aud, role, email, encrypted_password, raw_app_meta_data, raw_user_meta_data,
         created_at, updated_at, is_sso_user, is_anonymous)
       values ($1, $2, 'authenticated', 'authenticated', null, '', $3, $4, now(), now(), false, true)`,
      [NIL_INSTANCE, id, { provider: 'anonymous', providers: ['anonymous'] }, data],
    )
    return issueSession(ctx, client, req, id)
  })
}
