import { signJwt, verifyJwt } from '../jwt.ts'
import type { Caller } from './caller.ts'
import type { StorageContext } from './context.ts'
import { errors } from './errors.ts'
import { findObject } from './objects.ts'

// Signed upload URLs live two hours, as in Supabase Storage.
const UPLOAD_URL_SECONDS = 2 * 60 * 60

function expiresInOf(value: unknown): number {
  const seconds = Number(value)
  if (value === undefined || value === null || !Number.isFinite(seconds) || seconds < 1) {
    throw errors.invalidParameter('expiresIn', 'expiresIn must be a number of seconds, at least 1')
  }
  return Math.floor(seconds)
}

async function signUrl(ctx: StorageContext, url: string, expiresIn: number, extra: Record<string, unknown> = {}): Promise<string> {
  const iat = Math.floor(Date.now() / 1000)
  return signJwt({ ...extra, url, iat, exp: iat + expiresIn }, ctx.config.jwtSecret)
}

/** POST /object/sign/<bucket>/<path>: a download URL for an object the caller can read. */
export async function createSignedUrl(ctx: StorageContext, caller: Caller, bucket: string, name: string, body: { expiresIn?: unknown }) {
  const expiresIn = expiresInOf(body.expiresIn)
  await findObject(ctx, caller, bucket, name)
  const token = await signUrl(ctx, `${bucket}/${name}`, expiresIn)
  return { signedURL: `/object/sign/${bucket}/${name}?token=${token}` }
}

/** POST /object/sign/<bucket> {paths}: one entry per path, an error for those the caller cannot read. */
export async function createSignedUrls(ctx: StorageContext, caller: Caller, bucket: string, body: { expiresIn?: unknown; paths?: unknown }) {
  const expiresIn = expiresInOf(body.expiresIn)
  if (!Array.isArray(body.paths) || body.paths.some((p) => typeof p !== 'string')) throw errors.missingParameter('paths')
  const answers = []
  for (const path of body.paths as string[]) {
    try {
      await findObject(ctx, caller, bucket, path)
      const token = await signUrl(ctx, `${bucket}/${path}`, expiresIn)
      answers.push({ error: null, path, signedURL: `/object/sign/${bucket}/${path}?token=${token}` })
    } catch {
      answers.push({ error: 'Either the object does not exist or you do not have access to it', path, signedURL: null })
    }
  }
  return answers
}

/** Checks a signed download token against the URL it was presented on; returns the expiry. */
export async function verifySignedUrl(ctx: StorageContext, token: string | null, bucket: string, name: string): Promise<number> {
  if (!token) throw errors.missingParameter('token')
  let payload: Record<string, unknown>
  try {
    payload = await verifyJwt(token, ctx.config.jwtSecret)
  } catch (error) {
    throw errors.accessDenied((error as Error).message)
  }
  if (payload.url !== `${bucket}/${name}`) throw errors.invalidSignature()
  return Number(payload.exp)
}

/** POST /object/upload/sign/<bucket>/<path>: a URL anyone holding it may upload to once the caller could. */
export async function createSignedUploadUrl(ctx: StorageContext, caller: Caller, bucket: string, name: string, upsert: boolean) {
  const token = await signUrl(ctx, `${bucket}/${name}`, UPLOAD_URL_SECONDS, { owner: caller.owner, upsert })
  return { url: `/object/upload/sign/${bucket}/${name}?token=${token}`, token }
}

/** Verifies a signed upload token for this path; returns who the object will belong to and whether it may overwrite. */
export async function verifySignedUpload(ctx: StorageContext, token: string | null, bucket: string, name: string) {
  if (!token) throw errors.missingParameter('token')
  let payload: Record<string, unknown>
  try {
    payload = await verifyJwt(token, ctx.config.jwtSecret)
  } catch (error) {
    throw errors.accessDenied((error as Error).message)
  }
  if (payload.url !== `${bucket}/${name}`) throw errors.invalidSignature()
  return { owner: typeof payload.owner === 'string' ? payload.owner : undefined, upsert: payload.upsert === true }
}
