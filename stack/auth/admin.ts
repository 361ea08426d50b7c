import type { IncomingMessage } from 'node:http'
import type { StackContext } from '../service.ts'
import { transaction, type Db } from './db.ts'
import { badRequest, notFound, unprocessable } from './errors.ts'
import { readParams } from './params.ts'
import { logout } from './sessions.ts'
import { changeEmail, confirmEmail, createUser, emailTaken, findUserById, identitiesOf, isUuid, loadUserJson, setPassword } from './users.ts'
import { userJson } from './user-json.ts'
import {
  checkPasswordStrength, mergeMetadata, optionalObject, optionalString, parseBanDuration, validateEmail,
} from './validation.ts'

const DEFAULT_PER_PAGE = 50

function positiveInt(value: string | null, fallback: number): number {
  if (value === null || value === '') return fallback
  const n = Number(value)
  if (!Number.isInteger(n) || n < 1) throw badRequest('validation_failed', 'Bad Pagination Parameters')
  return n
}

export interface UserPage {
  body: { users: unknown[]; aud: string }
  headers: Record<string, string>
}

/** GET /admin/users: newest first, with GoTrue's X-Total-Count and Link headers. */
export async function listUsers(ctx: StackContext, path: string, query: URLSearchParams): Promise<UserPage> {
  const page = positiveInt(query.get('page'), 1)
  const perPage = positiveInt(query.get('per_page'), DEFAULT_PER_PAGE)
  const filter = query.get('filter') ?? ''
  const where = `aud = 'authenticated' and ($1 = '' or email ilike '%' || $1 || '%')`
  const { rows: [{ count }] } = await ctx.pool.query(`select count(*)::int as count from auth.users where ${where}`, [filter])
  const { rows } = await ctx.pool.query(
    `select * from auth.users where ${where} order by created_at desc, id limit $2 offset $3`,
    [filter, perPage, (page - 1) * perPage],
  )
  const users = await Promise.all(rows.map(async (row) => userJson(row, await identitiesOf(ctx.pool, row.id))))
  const lastPage = Math.max(1, Math.ceil(count / perPage))
  // auth-js reads the page number right after the first "=", so page leads the query string.
  const link = (n: number) => {
    const q = new URLSearchParams({ page: String(n), per_page: String(perPage) })
    if (filter) q.set('filter', filter)
    return `<${path.split('?')[0]}?${q}>`
  }
  const links = page < lastPage ? [`${link(page + 1)}; rel="next"`] : []
  links.push(`${link(lastPage)}; rel="last"`)
  return {
    body: { users, aud: 'authenticated' },
    headers: { 'x-total-count': String(count), link: links.join(', ') },
  }
}

async function requireUserRow(db: Db, id: string) {
  if (!isUuid(id)) throw notFound('validation_failed', 'user_id must be an UUID')
  const user = await findUserById(db, id)
  if (!user) throw notFound('user_not_found', 'User not found')
  return user
}

export async function getUserById(ctx: StackContext, id: string): Promise<unknown> {
  const user = await requireUserRow(ctx.pool, id)
  return userJson(user, await identitiesOf(ctx.pool, id))
}

async function applyBan(db: Db, id: string, banDuration: string | undefined): Promise<void> {
  if (banDuration === undefined) return
  const ms = parseBanDuration(banDuration)
  await db.query('update auth.users set banned_until = $2, updated_at = now() where id = $1', [
    id, ms === null ? null : new Date(Date.now() + ms),
  ])
}

/** POST /admin/users */
export async function createUserAsAdmin(ctx: StackContext, req: IncomingMessage): Promise<unknown> {
  const params = await readParams(req)
  const rawEmail = optionalString(params, 'email')
  if (!rawEmail) {
    if (optionalString(params, 'phone')) throw badRequest('phone_provider_disabled', 'Phone logins are disabled')
    throw badRequest('validation_failed', 'Cannot create a user without either an email or phone')
  }
  const email = validateEmail(rawEmail)
  const password = optionalString(params, 'password')
  if (password !== undefined) checkPasswordStrength(password, ctx.config.auth.minimumPasswordLength)
  const banDuration = optionalString(params, 'ban_duration')
  if (banDuration !== undefined) parseBanDuration(banDuration)

  return transaction(ctx.pool, async (client) => {
    if (await emailTaken(client, email)) {
      throw unprocessable('email_exists', 'A user with this email address has already been registered')
    }
    const user = await createUser(client, {
      email,
      password,
      userMetadata: optionalObject(params, 'user_metadata') ?? {},
      appMetadata: optionalObject(params, 'app_metadata'),
      role: optionalString(params, 'role'),
      confirmed: false,
      identityInMetadata: false,
    })
    if (params.email_confirm === true) await confirmEmail(client, user.id)
    await applyBan(client, user.id, banDuration)
    return loadUserJson(client, user.id)
  })
}

/** PUT /admin/users/:id */
export async function updateUserAsAdmin(ctx: StackContext, req: IncomingMessage, id: string): Promise<unknown> {
  const params = await readParams(req)
  return transaction(ctx.pool, async (client) => {
    const user = await requireUserRow(client, id)
    const email = optionalString(params, 'email')
    if (email !== undefined) {
      const normalized = validateEmail(email)
      if (normalized !== user.email) {
        if (await emailTaken(client, normalized, id)) {
          throw unprocessable('email_exists', 'A user with this email address has already been registered')
        }
        await changeEmail(client, id, normalized)
      }
    }
    const password = optionalString(params, 'password')
    if (password !== undefined) {
      checkPasswordStrength(password, ctx.config.auth.minimumPasswordLength)
      await setPassword(client, id, password)
      await logout(client, id, undefined, 'global')
    }
    if (params.email_confirm === true) await confirmEmail(client, id)
    const userMetadata = optionalObject(params, 'user_metadata')
    if (userMetadata) {
      await client.query('update auth.users set raw_user_meta_data = $2, updated_at = now() where id = $1', [
        id, mergeMetadata(user.raw_user_meta_data, userMetadata),
      ])
    }
    const appMetadata = optionalObject(params, 'app_metadata')
    if (appMetadata) {
      await client.query('update auth.users set raw_app_meta_data = $2, updated_at = now() where id = $1', [
        id, mergeMetadata(user.raw_app_meta_data, appMetadata),
      ])
    }
    const role = optionalString(params, 'role')
    if (role) await client.query('update auth.users set role = $2, updated_at = now() where id = $1', [id, role])
    await applyBan(client, id, optionalString(params, 'ban_duration'))
    return loadUserJson(client, id)
  })
}

/** DELETE /admin/users/:id; `should_soft_delete` keeps an anonymised row, as GoTrue does. */
export async function deleteUserAsAdmin(ctx: StackContext, req: IncomingMessage, id: string): Promise<unknown> {
  const params = await readParams(req)
  return transaction(ctx.pool, async (client) => {
    await requireUserRow(client, id)
    if (params.should_soft_delete === true) {
      await client.query('delete from auth.identities where user_id = $1', [id])
      await client.query('delete from auth.sessions where user_id = $1', [id])
      await client.query(
        `update auth.users set deleted_at = now(), updated_at = now(), encrypted_password = '',
           email = 'deleted-' || id || '@deleted.invalid', phone = null, raw_app_meta_data = '{}', raw_user_meta_data = '{}'
         where id = $1`,
        [id],
      )
    } else {
      await client.query('delete from auth.users where id = $1', [id])
    }
    return {}
  })
}
