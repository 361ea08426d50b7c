import { randomUUID } from 'node:crypto'
import type { IncomingMessage } from 'node:http'
import type { Caller } from './caller.ts'
import { ownerUuid } from './caller.ts'
import { findBucket, type StorageContext } from './context.ts'
import { transaction } from './db.ts'
import { checkKey, objectMetadata } from './disk.ts'
import { errors, StorageError } from './errors.ts'
import { checkMimeType } from './mime.ts'
import { readUpload } from './upload-body.ts'

export interface StoredObject {
  id: string
  bucket_id: string
  name: string
  owner: string | null
  owner_id: string | null
  version: string | null
  metadata: Record<string, any>
  user_metadata: Record<string, unknown> | null
  created_at: Date
  updated_at: Date
  last_accessed_at: Date
}

export interface UploadTarget {
  bucket: string
  name: string
  upsert: boolean
  /** Acts for this caller under RLS; undefined for a signed upload URL, whose token already grants the write. */
  caller?: Caller
  owner?: string
}

/** Upload or overwrite one object: bucket limits first, then the row under the caller's policies, then the bytes. */
export async function uploadObject(ctx: StorageContext, req: IncomingMessage, target: UploadTarget) {
  checkKey(target.name)
  const bucket = await findBucket(ctx.pool, target.bucket)
  if (!bucket) throw errors.noSuchBucket()
  const globalLimit = ctx.config.storage.fileSizeLimit
  const limit = bucket.file_size_limit === null ? globalLimit : Math.min(Number(bucket.file_size_limit), globalLimit)
  const declaredType = String(req.headers['content-type'] ?? '')
  if (!/^multipart\/form-data/i.test(declaredType)) checkMimeType(declaredType || 'application/octet-stream', bucket.allowed_mime_types)
  const body = await readUpload(req, limit)
  checkMimeType(body.contentType, bucket.allowed_mime_types)
  const metadata = objectMetadata(body.bytes, body.contentType, body.cacheControl)
  const version = randomUUID()
  const owner = target.owner ?? target.caller?.owner
  const id = await transaction(ctx.pool, target.caller, async (tx) => {
    const values = [randomUUID(), target.bucket, target.name, ownerUuid(owner), owner ?? null, metadata, body.userMetadata ?? null, version]
    let objectId = values[0] as string
    if (target.upsert) {
      const { rows } = await tx.query<{ id: string }>(
        `insert into storage.objects (id, bucket_id, name, owner, owner_id, metadata, user_metadata, version)
         values ($1, $2, $3, $4, $5, $6, $7, $8)
         on conflict (bucket_id, name) do update set owner = excluded.owner, owner_id = excluded.owner_id,
           metadata = excluded.metadata, user_metadata = excluded.user_metadata, version = excluded.version,
           updated_at = now(), last_accessed_at = now()
         returning id`,
        values,
      )
      objectId = rows[0].id
    } else {
      await tx.query(
        `insert into storage.objects (id, bucket_id, name, owner, owner_id, metadata, user_metadata, version)
         values ($1, $2, $3, $4, $5, $6, $7, $8)`,
        values,
      )
    }
    await ctx.disk.write(target.bucket, target.name, body.bytes)
    return objectId
  })
  return { Id: id, Key: `${target.bucket}/${target.name}` }
}

/** Finds an object as the caller (RLS decides) or, with no caller, as the superuser. */
export async function findObject(ctx: StorageContext, caller: Caller | undefined, bucket: string, name: string): Promise<StoredObject> {
  return transaction(ctx.pool, caller, async (tx) => {
    const { rows } = await tx.query<StoredObject>(
      'select * from storage.objects where bucket_id = $1 and name = $2', [bucket, name],
    )
    if (!rows[0]) throw errors.noSuchKey()
    return rows[0]
  })
}

/** The object info storage-js `info()` reads (then camelizes). */
export function objectInfo(object: StoredObject) {
  const meta = object.metadata ?? {}
  return {
    id: object.id,
    name: object.name,
    version: object.version,
    bucket_id: object.bucket_id,
    size: meta.size ?? null,
    content_type: meta.mimetype ?? null,
    cache_control: meta.cacheControl ?? null,
    etag: meta.eTag ?? null,
    metadata: object.user_metadata ?? {},
    last_modified: meta.lastModified ?? null,
    created_at: object.created_at,
  }
}

export async function removeObjects(ctx: StorageContext, caller: Caller, bucket: string, prefixes: unknown) {
  if (!Array.isArray(prefixes) || prefixes.length === 0 || prefixes.some((p) => typeof p !== 'string')) {
    throw errors.invalidParameter('prefixes', 'prefixes must be a non-empty array of strings')
  }
  if (prefixes.length > 1000) throw errors.invalidParameter('prefixes', 'prefixes must contain at most 1000 items')
  if (!(await findBucket(ctx.pool, bucket))) throw errors.noSuchBucket()
  const removed = await transaction(ctx.pool, caller, async (tx) => {
    const { rows } = await tx.query<StoredObject>(
      'delete from storage.objects where bucket_id = $1 and name = any($2::text[]) returning *', [bucket, prefixes],
    )
    return rows
  })
  for (const row of removed) await ctx.disk.remove(bucket, row.name)
  return removed
}

export async function removeObject(ctx: StorageContext, caller: Caller, bucket: string, name: string) {
  const removed = await removeObjects(ctx, caller, bucket, [name])
  if (!removed.length) throw errors.noSuchKey()
  return { message: 'Successfully deleted' }
}

interface MoveBody {
  bucketId?: unknown
  sourceKey?: unknown
  destinationKey?: unknown
  destinationBucket?: unknown
}

function moveParams(body: MoveBody) {
  for (const field of ['bucketId', 'sourceKey', 'destinationKey'] as const) {
    if (typeof body[field] !== 'string' || !body[field]) throw errors.missingParameter(field)
  }
  const bucket = body.bucketId as string
  const destinationBucket = typeof body.destinationBucket === 'string' && body.destinationBucket ? body.destinationBucket : bucket
  checkKey(body.destinationKey as string)
  return { bucket, source: body.sourceKey as string, destinationBucket, destination: body.destinationKey as string }
}

/** Renames an object under the caller's policies (select and update), bytes included. */
export async function moveObject(ctx: StorageContext, caller: Caller, body: MoveBody) {
  const { bucket, source, destinationBucket, destination } = moveParams(body)
  if (!(await findBucket(ctx.pool, destinationBucket))) throw errors.noSuchBucket()
  await transaction(ctx.pool, caller, async (tx) => {
    const { rowCount } = await tx.query(
      `update storage.objects set bucket_id = $3, name = $4, updated_at = now()
       where bucket_id = $1 and name = $2`,
      [bucket, source, destinationBucket, destination],
    )
    if (!rowCount) throw errors.noSuchKey()
    await ctx.disk.move(bucket, source, destinationBucket, destination)
  })
  return { message: 'Successfully moved' }
}

/** Copies an object the caller can read to a key the caller may write; the copy belongs to the caller. */
export async function copyObject(ctx: StorageContext, caller: Caller, body: MoveBody, upsert: boolean) {
  const { bucket, source, destinationBucket, destination } = moveParams(body)
  const target = await findBucket(ctx.pool, destinationBucket)
  if (!target) throw errors.noSuchBucket()
  const id = await transaction(ctx.pool, caller, async (tx) => {
    const { rows } = await tx.query<StoredObject>(
      'select * from storage.objects where bucket_id = $1 and name = $2', [bucket, source],
    )
    const original = rows[0]
    if (!original) throw errors.noSuchKey()
    checkMimeType(original.metadata?.mimetype ?? 'application/octet-stream', target.allowed_mime_types)
    const values = [randomUUID(), destinationBucket, destination, ownerUuid(caller.owner), caller.owner ?? null,
      { ...original.metadata, lastModified: new Date().toISOString() }, original.user_metadata, randomUUID()]
    let objectId = values[0] as string
    if (upsert) {
      const { rows: upserted } = await tx.query<{ id: string }>(
        `insert into storage.objects (id, bucket_id, name, owner, owner_id, metadata, user_metadata, version)
         values ($1, $2, $3, $4, $5, $6, $7, $8)
         on conflict (bucket_id, name) do update set owner = excluded.owner, owner_id = excluded.owner_id,
           metadata = excluded.metadata, user_metadata = excluded.user_metadata, version = excluded.version, updated_at = now()
         returning id`,
        values,
      )
      objectId = upserted[0].id
    } else {
      await tx.query(
        `insert into storage.objects (id, bucket_id, name, owner, owner_id, metadata, user_metadata, version)
         values ($1, $2, $3, $4, $5, $6, $7, $8)`,
        values,
      )
    }
    await ctx.disk.copy(bucket, source, destinationBucket, destination)
    return objectId
  })
  return { Id: id, Key: `${destinationBucket}/${destination}` }
}

const PROBE = 'PermissionProbe'

/** Whether the caller's policies would let them write this key, tried inside a transaction that is rolled back. */
export async function checkCanUpload(ctx: StorageContext, caller: Caller, bucket: string, name: string, upsert: boolean): Promise<void> {
  checkKey(name)
  if (!(await findBucket(ctx.pool, bucket))) throw errors.noSuchBucket()
  await transaction(ctx.pool, caller, async (tx) => {
    await tx.query(
      `insert into storage.objects (bucket_id, name, owner, owner_id, metadata)
       values ($1, $2, $3, $4, '{}') ${upsert ? 'on conflict (bucket_id, name) do update set metadata = excluded.metadata' : ''}`,
      [bucket, name, ownerUuid(caller.owner), caller.owner ?? null],
    )
    throw new StorageError(200, PROBE, 'rolled back on purpose')
  }).catch((error) => {
    if (!(error instanceof StorageError && error.code === PROBE)) throw error
  })
}
