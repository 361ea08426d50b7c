import type pg from 'pg'
import type { StackConfig } from '../config.ts'
import type { Disk } from './disk.ts'

/** What every storage route handler works with. */
export interface StorageContext {
  config: StackConfig
  pool: pg.Pool
  disk: Disk
}

/** The bucket columns uploads are checked against, read as the superuser as Supabase Storage does. */
export interface BucketLimits {
  id: string
  public: boolean
  file_size_limit: string | number | null
  allowed_mime_types: string[] | null
}

export async function findBucket(pool: pg.Pool, id: string): Promise<BucketLimits | undefined> {
  const { rows } = await pool.query<BucketLimits>(
    'select id, public, file_size_limit, allowed_mime_types from storage.buckets where id = $1',
    [id],
  )
  return rows[0]
}
