import { mkdir } from 'node:fs/promises'
import type { IncomingMessage, ServerResponse } from 'node:http'
import path from 'node:path'
import { readJson, sendJson } from '../http.ts'
import type { Service, StackContext } from '../service.ts'
import { createBucket, deleteBucket, emptyBucket, getBucket, listBuckets, syncConfigBuckets, updateBucket } from './buckets.ts'
import { authenticate } from './caller.ts'
import { findBucket, type StorageContext } from './context.ts'
import { Disk } from './disk.ts'
import { errors, sendError, StorageError } from './errors.ts'
import { listObjects } from './list.ts'
import {
  checkCanUpload, copyObject, findObject, moveObject, objectInfo, removeObject, removeObjects, uploadObject,
} from './objects.ts'
import { serveObject } from './serve-object.ts'
import {
  createSignedUploadUrl, createSignedUrl, createSignedUrls, verifySignedUpload, verifySignedUrl,
} from './signed-urls.ts'

type Handler = (req: IncomingMessage, res: ServerResponse, match: RouteMatch) => Promise<unknown>

interface RouteMatch {
  bucket: string
  /** The object key (everything after the bucket), decoded. */
  key: string
  query: URLSearchParams
}

interface Route {
  method: string | string[]
  pattern: RegExp
  handler: Handler
}

/** `<bucket>/<key>` after a route prefix; the key may be absent where the pattern allows it. */
const withKey = (prefix: string) => new RegExp(`^${prefix}/([^/]+)/(.+)$`)
const bucketOnly = (prefix: string) => new RegExp(`^${prefix}/([^/]+)/?$`)

function upsertHeader(req: IncomingMessage): boolean {
  return String(req.headers['x-upsert'] ?? '').toLowerCase() === 'true'
}

async function jsonBody<T>(req: IncomingMessage): Promise<T> {
  try {
    return await readJson<T>(req, 1024 * 1024)
  } catch {
    throw errors.invalidRequest('Body is not valid JSON')
  }
}

function routes(ctx: StorageContext): Route[] {
  const secret = ctx.config.jwtSecret
  const caller = (req: IncomingMessage) => authenticate(req, secret)
  return [
    // Buckets
    { method: 'GET', pattern: /^\/bucket\/?$/, handler: async (req, _res, m) => listBuckets(ctx, await caller(req), m.query) },
    { method: 'POST', pattern: /^\/bucket\/?$/, handler: async (req) => createBucket(ctx, await caller(req), await jsonBody(req)) },
    { method: 'POST', pattern: /^\/bucket\/([^/]+)\/empty\/?$/, handler: async (req, _res, m) => emptyBucket(ctx, await caller(req), m.bucket) },
    { method: 'GET', pattern: bucketOnly('/bucket'), handler: async (req, _res, m) => getBucket(ctx, await caller(req), m.bucket) },
    { method: 'PUT', pattern: bucketOnly('/bucket'), handler: async (req, _res, m) => updateBucket(ctx, await caller(req), m.bucket, await jsonBody(req)) },
    { method: 'DELETE', pattern: bucketOnly('/bucket'), handler: async (req, _res, m) => deleteBucket(ctx, await caller(req), m.bucket) },

    // Listing, moving, copying
    { method: 'POST', pattern: bucketOnly('/object/list'), handler: async (req, _res, m) => listObjects(ctx, await caller(req), m.bucket, await jsonBody(req)) },
    { method: 'POST', pattern: /^\/object\/move\/?$/, handler: async (req) => moveObject(ctx, await caller(req), await jsonBody(req)) },
    { method: 'POST', pattern: /^\/object\/copy\/?$/, handler: async (req) => copyObject(ctx, await caller(req), await jsonBody(req), upsertHeader(req)) },

    // Signed download URLs
    { method: 'POST', pattern: withKey('/object/sign'), handler: async (req, _res, m) => createSignedUrl(ctx, await caller(req), m.bucket, m.key, await jsonBody(req)) },
    { method: 'POST', pattern: bucketOnly('/object/sign'), handler: async (req, _res, m) => createSignedUrls(ctx, await caller(req), m.bucket, await jsonBody(req)) },
    {
      method: ['GET', 'HEAD'], pattern: withKey('/object/sign'),
      handler: async (req, res, m) => {
        const expires = await verifySignedUrl(ctx, m.query.get('token'), m.bucket, m.key)
        const object = await findObject(ctx, undefined, m.bucket, m.key)
        await serveObject(ctx, req, res, object, { download: m.query.get('download'), expires })
      },
    },

    // Signed upload URLs
    {
      method: 'POST', pattern: withKey('/object/upload/sign'),
      handler: async (req, _res, m) => {
        const who = await caller(req)
        await checkCanUpload(ctx, who, m.bucket, m.key, upsertHeader(req))
        return createSignedUploadUrl(ctx, who, m.bucket, m.key, upsertHeader(req))
      },
    },
    {
      method: 'PUT', pattern: withKey('/object/upload/sign'),
      handler: async (req, _res, m) => {
        const grant = await verifySignedUpload(ctx, m.query.get('token'), m.bucket, m.key)
        const { Id, Key } = await uploadObject(ctx, req, { bucket: m.bucket, name: m.key, upsert: grant.upsert, owner: grant.owner })
        return { Id, Key, url: `/object/upload/sign/${m.bucket}/${m.key}` }
      },
    },

    // Reads
    {
      method: ['GET', 'HEAD'], pattern: withKey('/object/public'),
      handler: async (req, res, m) => {
        const bucket = await findBucket(ctx.pool, m.bucket)
        if (!bucket?.public) throw errors.noSuchBucket()
        await serveObject(ctx, req, res, await findObject(ctx, undefined, m.bucket, m.key), { download: m.query.get('download') })
      },
    },
    {
      method: ['GET', 'HEAD'], pattern: withKey('/object/authenticated'),
      handler: async (req, res, m) => serveObject(ctx, req, res, await findObject(ctx, await caller(req), m.bucket, m.key), { download: m.query.get('download') }),
    },
    {
      method: 'GET', pattern: withKey('/object/info/public'),
      handler: async (_req, _res, m) => {
        const bucket = await findBucket(ctx.pool, m.bucket)
        if (!bucket?.public) throw errors.noSuchBucket()
        return objectInfo(await findObject(ctx, undefined, m.bucket, m.key))
      },
    },
    { method: 'GET', pattern: withKey('/object/info/authenticated'), handler: async (req, _res, m) => objectInfo(await findObject(ctx, await caller(req), m.bucket, m.key)) },
    { method: 'GET', pattern: withKey('/object/info'), handler: async (req, _res, m) => objectInfo(await findObject(ctx, await caller(req), m.bucket, m.key)) },

    // Plain object routes last: a bucket may not be called "sign", "public", "list"... in Supabase either.
    { method: 'DELETE', pattern: bucketOnly('/object'), handler: async (req, _res, m) => removeObjects(ctx, await caller(req), m.bucket, (await jsonBody<{ prefixes?: unknown }>(req)).prefixes) },
    { method: 'DELETE', pattern: withKey('/object'), handler: async (req, _res, m) => removeObject(ctx, await caller(req), m.bucket, m.key) },
    {
      method: ['GET', 'HEAD'], pattern: withKey('/object'),
      handler: async (req, res, m) => serveObject(ctx, req, res, await findObject(ctx, await caller(req), m.bucket, m.key), { download: m.query.get('download') }),
    },
    { method: 'POST', pattern: withKey('/object'), handler: async (req, _res, m) => uploadObject(ctx, req, { bucket: m.bucket, name: m.key, upsert: upsertHeader(req), caller: await caller(req) }) },
    { method: 'PUT', pattern: withKey('/object'), handler: async (req, _res, m) => uploadObject(ctx, req, { bucket: m.bucket, name: m.key, upsert: true, caller: await caller(req) }) },
  ]
}

function decode(text: string): string {
  try {
    return decodeURIComponent(text)
  } catch {
    throw errors.invalidRequest('Malformed path')
  }
}

/** Lets an unread request body arrive before answering, so the client sees the error rather than a reset. */
async function drain(req: IncomingMessage): Promise<void> {
  if (req.readableEnded || req.destroyed) return
  await new Promise<void>((resolve) => {
    req.on('end', resolve).on('error', () => resolve()).on('close', resolve)
    req.resume()
  })
}

/** The Storage API (/storage/v1): buckets and objects on disk, metadata and policies in Postgres. */
export async function createStorageService(stack: StackContext): Promise<Service> {
  const disk = new Disk(stack.config.dataDir)
  await mkdir(path.join(disk.root, '.tmp'), { recursive: true })
  const ctx: StorageContext = { config: stack.config, pool: stack.pool, disk }
  await syncConfigBuckets(ctx)
  const table = routes(ctx)

  return {
    async handle(req, res, rawPath) {
      const url = new URL(rawPath, 'http://storage')
      const method = req.method ?? 'GET'
      try {
        if (url.pathname === '/status' || url.pathname === '/health') return sendJson(res, 200, { healthy: true })
        for (const route of table) {
          const methods = Array.isArray(route.method) ? route.method : [route.method]
          if (!methods.includes(method)) continue
          const match = route.pattern.exec(url.pathname)
          if (!match) continue
          const result = await route.handler(req, res, { bucket: decode(match[1] ?? ''), key: decode(match[2] ?? ''), query: url.searchParams })
          if (!res.headersSent) sendJson(res, 200, result ?? {})
          return
        }
        throw errors.notFound()
      } catch (error) {
        if (res.headersSent) {
          res.destroy()
          return
        }
        if (!(error instanceof StorageError)) stack.log(`${method} ${url.pathname}: ${(error as Error).stack ?? error}`)
        await drain(req)
        sendError(res, error, method)
      }
    },
    stop: async () => {},
  }
}
