import { createHash, randomUUID } from 'node:crypto'
import { copyFile, mkdir, rename, rm, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { errors } from './errors.ts'

// Characters Supabase Storage accepts in object keys and bucket names.
const KEY_CHARS = /^(\w|\/|!|-|\.|\*|'|\(|\)| |&|\$|@|=|;|:|\+|,|\?)*$/
const BUCKET_CHARS = /^(\w|!|-|\.|\*|'|\(|\)| |&|\$|@|=|;|:|\+|,|\?)*$/

/** Throws InvalidKey unless `name` is a key Supabase accepts and that stays inside its bucket folder. */
export function checkKey(name: string): void {
  const segments = name.split('/')
  if (!name || name.length > 1024 || !KEY_CHARS.test(name) || segments.some((s) => s === '' || s === '.' || s === '..')) {
    throw errors.invalidKey(name)
  }
}

export function isValidBucketName(name: unknown): name is string {
  return typeof name === 'string' && name.length > 0 && name.length <= 100 && BUCKET_CHARS.test(name) && name !== '.' && name !== '..'
}

/** Object bytes on disk under `<dataDir>/storage/<bucket>/<name>`. */
export class Disk {
  readonly root: string

  constructor(dataDir: string) {
    this.root = path.join(dataDir, 'storage')
  }

  pathOf(bucket: string, name: string): string {
    const bucketDir = path.join(this.root, bucket)
    const file = path.join(bucketDir, ...name.split('/'))
    // Keys are checked on the way in; this keeps any other path from reaching outside the bucket folder.
    if (!file.startsWith(bucketDir + path.sep) || path.dirname(bucketDir) !== this.root) throw errors.invalidKey(name)
    return file
  }

  /** Writes atomically (temp file then rename) so a reader never sees half an object. */
  async write(bucket: string, name: string, bytes: Buffer): Promise<void> {
    const target = this.pathOf(bucket, name)
    await this.ensureParent(target, name)
    const temp = path.join(this.root, '.tmp', randomUUID())
    await mkdir(path.dirname(temp), { recursive: true })
    await writeFile(temp, bytes)
    await rename(temp, target).catch(async (error) => {
      await rm(temp, { force: true })
      if ((error as NodeJS.ErrnoException).code === 'EISDIR') throw errors.invalidKey(name)
      throw error
    })
  }

  async move(fromBucket: string, from: string, toBucket: string, to: string): Promise<void> {
    const target = this.pathOf(toBucket, to)
    await this.ensureParent(target, to)
    await rename(this.pathOf(fromBucket, from), target)
  }

  async copy(fromBucket: string, from: string, toBucket: string, to: string): Promise<void> {
    const target = this.pathOf(toBucket, to)
    await this.ensureParent(target, to)
    await copyFile(this.pathOf(fromBucket, from), target)
  }

  async remove(bucket: string, name: string): Promise<void> {
    await rm(this.pathOf(bucket, name), { force: true })
  }

  async removeBucket(bucket: string): Promise<void> {
    await rm(path.join(this.root, bucket), { recursive: true, force: true })
  }

  private async ensureParent(target: string, name: string): Promise<void> {
    try {
      await mkdir(path.dirname(target), { recursive: true })
    } catch (error) {
      // A key used as a folder of another key ("a" and "a/b") cannot both be files on disk.
      if ((error as NodeJS.ErrnoException).code === 'ENOTDIR' || (error as NodeJS.ErrnoException).code === 'EEXIST') throw errors.invalidKey(name)
      throw error
    }
  }
}

/** The metadata Supabase Storage keeps in storage.objects.metadata. */
export function objectMetadata(bytes: Buffer, mimetype: string, cacheControl: string): Record<string, unknown> {
  return {
    eTag: `"${createHash('md5').update(bytes).digest('hex')}"`,
    size: bytes.length,
    mimetype,
    cacheControl,
    lastModified: new Date().toISOString(),
    contentLength: bytes.length,
    httpStatusCode: 200,
  }
}
