import { randomUUID } from 'node:crypto'
import bcrypt from 'bcryptjs'
import type { Db } from './db.ts'
import type { IdentityRow, UserRow } from './user-json.ts'
import { userJson } from './user-json.ts'

const NIL_INSTANCE = '00000000-0000-0000-0000-000000000000'
const BCRYPT_COST = 10

export function hashPassword(password: string): Promise<string> {
  return bcrypt.hash(password, BCRYPT_COST)
}

export async function passwordMatches(row: UserRow, password: string): Promise<boolean> {
  if (!row.encrypted_password) return false
  return bcrypt.compare(password, row.encrypted_password)
}

export function isUuid(value: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value)
}

export async function findUserById(db: Db, id: string, forUpdate = false): Promise<UserRow | undefined> {
  if (!isUuid(id)) return undefined
  const { rows } = await db.query(`select * from auth.users where id = $1${forUpdate ? ' for update' : ''}`, [id])
  return rows[0]
}

export async function findUserByEmail(db: Db, email: string, aud = 'authenticated'): Promise<UserRow | undefined> {
  const { rows } = await db.query(
    'select * from auth.users where lower(email) = lower($1) and aud = $2 and is_sso_user = false',
    [email, aud],
  )
  return rows[0]
}

export async function identitiesOf(db: Db, userId: string): Promise<IdentityRow[]> {
  const { rows } = await db.query('select * from auth.identities where user_id = $1 order by created_at, id', [userId])
  return rows
}

/** The user's GoTrue JSON, read fresh from the database. */
export async function loadUserJson(db: Db, id: string): Promise<Record<string, unknown>> {
  const row = await findUserById(db, id)
  if (!row) throw new Error(`user ${id} vanished`)
  return userJson(row, await identitiesOf(db, id))
}

export interface NewUser {
  email: string
  password?: string
  userMetadata: Record<string, unknown>
  appMetadata?: Record<string, unknown>
  role?: string
  confirmed: boolean
  /** Signup copies the identity's claims (sub, email, email_verified...) into user_metadata, as GoTrue does. */
  identityInMetadata: boolean
  confirmationSent?: boolean
}

/**
 * Inserts a user the way GoTrue does, with plain SQL inside the caller's transaction so a project's
 * `on insert to auth.users` triggers see the row: insert, email identity, then metadata and confirmation updates.
 */
export async function createUser(client: Db, user: NewUser): Promise<UserRow> {
  const id = randomUUID()
  const encrypted = user.password ? await hashPassword(user.password) : ''
  const appMetadata = { provider: 'email', providers: ['email'], ...(user.appMetadata ?? {}) }
  await client.query(
    `insert into auth.users (instance_id, id, aud, role, email, encrypted_password, confirmation_sent_at,
       raw_app_meta_data, raw_user_meta_data, created_at, updated_at, is_sso_user, is_anonymous)
     values ($1, $2, 'authenticated', $3, $4, $5, $6, $7, $8, now(), now(), false, false)`,
    [NIL_INSTANCE, id, user.role ?? 'authenticated', user.email, encrypted,
      user.confirmationSent ? new Date() : null, appMetadata, user.userMetadata],
  )
  const identityData = { sub: id, email: user.email, email_verified: user.confirmed, phone_verified: false }
  await client.query(
    `insert into auth.identities (provider_id, user_id, identity_data, provider, last_sign_in_at, created_at, updated_at)
     values ($1::text, $2::uuid, $3, 'email', now(), now(), now())`,
    [id, id, identityData],
  )
  const metadataPatch: Record<string, unknown> = user.identityInMetadata ? identityData : {}
  if (user.confirmed) metadataPatch.email_verified = true
  await client.query(
    `update auth.users set raw_user_meta_data = coalesce(raw_user_meta_data, '{}'::jsonb) || $2::jsonb,
       email_confirmed_at = case when $3 then now() else email_confirmed_at end, updated_at = now()
     where id = $1`,
    [id, metadataPatch, user.confirmed],
  )
  return (await findUserById(client, id))!
}

/** Marks the email confirmed, in the user's metadata and email identity too. */
export async function confirmEmail(client: Db, id: string): Promise<void> {
  await client.query(
    `update auth.users set email_confirmed_at = coalesce(email_confirmed_at, now()), confirmation_token = '',
       raw_user_meta_data = coalesce(raw_user_meta_data, '{}'::jsonb) || '{"email_verified": true}', updated_at = now()
     where id = $1`,
    [id],
  )
  await client.query(
    `update auth.identities set identity_data = identity_data || '{"email_verified": true}', updated_at = now()
     where user_id = $1 and provider = 'email'`,
    [id],
  )
}

/** Changes the address now (no confirmation mail can be sent here), in the email identity too. */
export async function changeEmail(client: Db, id: string, email: string): Promise<void> {
  await client.query(
    `update auth.users set email = $2, email_change = '', email_change_sent_at = null, updated_at = now() where id = $1`,
    [id, email],
  )
  await client.query(
    `update auth.identities set identity_data = identity_data || jsonb_build_object('email', $2::text), updated_at = now()
     where user_id = $1 and provider = 'email'`,
    [id, email],
  )
}

export async function setPassword(client: Db, id: string, password: string): Promise<void> {
  await client.query('update auth.users set encrypted_password = $2, updated_at = now() where id = $1', [id, await hashPassword(password)])
}

export async function emailTaken(client: Db, email: string, exceptId?: string): Promise<boolean> {
  const { rows } = await client.query(
    `select 1 from auth.users where lower(email) = lower($1) and is_sso_user = false and ($2::uuid is null or id <> $2::uuid)`,
    [email, exceptId ?? null],
  )
  return rows.length > 0
}
