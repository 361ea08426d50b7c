import type { StackConfig } from '../config.ts'
import { parseSize } from '../config.ts'
import type { Caller } from './caller.ts'
import { ownerUuid } from './caller.ts'
import type { StorageContext } from './context.ts'
import { transaction } from './db.ts'
import { isValidBucketName } from './disk.ts'
import { errors, StorageError } from './errors.ts'

const BUCKET_COLUMNS = `id, name, owner, owner_id, public, file_size_limit, allowed_mime_types, created_at, updated_at`

interface BucketBody {
  id?: unknown
  name?: unknown
  public?: unknown
  file_size_limit?: unknown
  allowed_mime_types?: unknown
}

function bucketRow(row: Record<string, unknown>) {
  const limit = row.file_size_limit
  return { ...row, type: 'STANDARD', file_size_limit: limit === null ? null : Number(limit) }
}

function sizeLimitOf(value: unknown): number | null {
  if (value === undefined || value === null || value === '') return null
  try {
    const size = parseSize(value, 0)
    if (!Number.isFinite(size) || size < 0) throw new Error('negative')
    return size
  } catch {
    throw new StorageError(400, 'InvalidRequest', 'Invalid file size format, hint: use 20GB / 20MB / 30KB / 3B')
  }
}

function mimeTypesOf(value: unknown): string[] | null {
  if (value === undefined || value === null) return null
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string' || !/^[\w.+-]+\/([\w.+-]+|\*)$/.test(v.split(';')[0].trim()))) {
    throw errors.invalidParameter('allowed_mime_types', 'Invalid mime type format')
  }
  return value.length ? value : null
}

/** Upserts the buckets declared in config.toml, as `supabase start` seeds them. */
export async function syncConfigBuckets(ctx: StorageContext): Promise<void> {
  const globalLimit = ctx.config.storage.fileSizeLimit
  for (const [name, bucket] of Object.entries(ctx.config.storage.buckets)) {
    await ctx.pool.query(
      `insert into storage.buckets (id, name, public, file_size_limit, allowed_mime_types)
       values ($1, $1, $2, $3, $4)
       on conflict (id) do update set public = excluded.public, file_size_limit = excluded.file_size_limit,
         allowed_mime_types = excluded.allowed_mime_types, updated_at = now()`,
      [name, bucket.public, Math.min(bucket.fileSizeLimit ?? globalLimit, globalLimit), bucket.allowedMimeTypes?.length ? bucket.allowedMimeTypes : null],
    )
  }
}

export async function listBuckets(ctx: StorageContext, caller: Caller, query: URLSearchParams) {
  const sortColumn = ['id', 'name', 'created_at', 'updated_at'].includes(query.get('sortColumn') ?? '') ? query.get('sortColumn') : 'name'
  const sortOrder = query.get('sortOrder') === 'desc' ? 'desc' : 'asc'
  const limit = Number(query.get('limit') ?? 'NaN')
  const offset = Number(query.get('offset') ?? 0)
  const search = query.get('search') ?? ''
  return transaction(ctx.pool, caller, async (tx) => {
    const { rows } = await tx.query(
      `select ${BUCKET_COLUMNS} from storage.buckets where name ilike '%' || $1 || '%'
       order by ${sortColumn} ${sortOrder} limit $2 offset $3`,
      [search.replace(/[\\%_]/g, '\\$&'), Number.isFinite(limit) && limit > 0 ? limit : null, Number.isFinite(offset) && offset > 0 ? offset : 0],
    )
    return rows.map(bucketRow)
  })
}

export async function getBucket(ctx: StorageContext, caller: Caller, id: string) {
  return transaction(ctx.pool, caller, async (tx) => {
    const { rows } = await tx.query(`select ${BUCKET_COLUMNS} from storage.buckets where id = $1`, [id])
    if (!rows[0]) throw errors.noSuchBucket()
    return bucketRow(rows[0])
  })
}

export async function createBucket(ctx: StorageContext, caller: Caller, body: BucketBody) {
  const id = body.id ?? body.name
  if (id === undefined) throw errors.missingParameter('name')
  if (!isValidBucketName(id)) throw errors.invalidBucketName()
  const limit = capped(ctx.config, sizeLimitOf(body.file_size_limit))
  const mimeTypes = mimeTypesOf(body.allowed_mime_types)
  await transaction(ctx.pool, caller, async (tx) => {
    await tx.query(
      `insert into storage.buckets (id, name, owner, owner_id, public, file_size_limit, allowed_mime_types)
       values ($1, $1, $2, $3, $4, $5, $6)`,
      [id, ownerUuid(caller.owner), caller.owner ?? null, body.public === true, limit, mimeTypes],
    )
  }).catch((error) => {
    throw error instanceof StorageError && error.code === 'KeyAlreadyExists' ? errors.bucketExists() : error
  })
  return { name: id }
}

export async function updateBucket(ctx: StorageContext, caller: Caller, id: string, body: BucketBody) {
  const sets: string[] = []
  const values: unknown[] = [id]
  const set = (column: string, value: unknown) => {
    values.push(value)
    sets.push(`${column} = $${values.length}`)
  }
  if (body.public !== undefined) set('public', body.public === true)
  if (body.file_size_limit !== undefined) set('file_size_limit', capped(ctx.config, sizeLimitOf(body.file_size_limit)))
  if (body.allowed_mime_types !== undefined) set('allowed_mime_types', mimeTypesOf(body.allowed_mime_types))
  await transaction(ctx.pool, caller, async (tx) => {
    const { rowCount } = await tx.query(
      `update storage.buckets set ${[...sets, 'updated_at = now()'].join(', ')} where id = $1`,
      values,
    )
    if (!rowCount) throw errors.noSuchBucket()
  })
  return { message: 'Successfully updated' }
}

export async function emptyBucket(ctx: StorageContext, caller: Caller, id: string) {
  const removed = await transaction(ctx.pool, caller, async (tx) => {
    const { rows: found } = await tx.query('select id from storage.buckets where id = $1', [id])
    if (!found[0]) throw errors.noSuchBucket()
    const { rows } = await tx.query<{ name: string }>(
      'delete from storage.objects where bucket_id = $1 returning name', [id],
    )
    return rows
  })
  for (const row of removed) await ctx.disk.remove(id, row.name)
  return { message: 'Successfully emptied' }
}

export async function deleteBucket(ctx: StorageContext, caller: Caller, id: string) {
  await transaction(ctx.pool, caller, async (tx) => {
    const { rows: found } = await tx.query('select id from storage.buckets where id = $1', [id])
    if (!found[0]) throw errors.noSuchBucket()
    const { rows: objects } = await tx.query('select 1 from storage.objects where bucket_id = $1 limit 1', [id])
    if (objects[0]) throw errors.bucketNotEmpty()
    const { rowCount } = await tx.query('delete from storage.buckets where id = $1', [id])
    if (!rowCount) throw errors.noSuchBucket()
  }).catch((error) => {
    // Objects this caller cannot see still keep the bucket (foreign key).
    throw error instanceof StorageError && error.statusCode === 404 && error.code === 'InvalidRequest' ? errors.bucketNotEmpty() : error
  })
  await ctx.disk.removeBucket(id)
  return { message: 'Successfully deleted' }
}

function capped(config: StackConfig, limit: number | null): number | null {
  if (limit !== null && limit > config.storage.fileSizeLimit) {
    throw new StorageError(413, 'EntityTooLarge', 'The object exceeded the maximum allowed size', 'Payload too large')
  }
  return limit
}
