import type { Caller } from './caller.ts'
import { findBucket, type StorageContext } from './context.ts'
import { transaction } from './db.ts'
import { errors } from './errors.ts'

interface ListBody {
  prefix?: unknown
  limit?: unknown
  offset?: unknown
  sortBy?: { column?: unknown; order?: unknown }
  search?: unknown
}

const SORT_COLUMNS = ['name', 'updated_at', 'created_at', 'last_accessed_at']

function likeEscape(text: string): string {
  return text.replace(/[\\%_]/g, '\\$&')
}

/**
 * One folder level of a bucket, as Supabase's storage.search answers it: folders first (id and
 * metadata null), then the files at that level, names relative to the prefix, filtered by RLS.
 */
export async function listObjects(ctx: StorageContext, caller: Caller, bucket: string, body: ListBody) {
  if (body.prefix !== undefined && typeof body.prefix !== 'string') throw errors.invalidParameter('prefix')
  let prefix = (body.prefix as string | undefined) ?? ''
  if (prefix.length > 0 && !prefix.endsWith('/')) prefix += '/'
  const limit = Number.isInteger(body.limit) && (body.limit as number) > 0 ? (body.limit as number) : 100
  const offset = Number.isInteger(body.offset) && (body.offset as number) > 0 ? (body.offset as number) : 0
  const column = SORT_COLUMNS.includes(String(body.sortBy?.column)) ? String(body.sortBy?.column) : 'name'
  const order = String(body.sortBy?.order).toLowerCase() === 'desc' ? 'desc' : 'asc'
  const search = typeof body.search === 'string' ? body.search : ''
  const level = prefix.split('/').length
  if (!(await findBucket(ctx.pool, bucket))) throw errors.noSuchBucket()

  return transaction(ctx.pool, caller, async (tx) => {
    const { rows } = await tx.query(
      `with matching as (
         select * from storage.objects
         where bucket_id = $1 and name ilike $2 || $3 || '%'
       ), folders as (
         select path_tokens[$4] as folder from matching
         where array_length(path_tokens, 1) > $4
         group by folder
       )
       select * from (
         (select folder as name, null::uuid as id, null::timestamptz as updated_at, null::timestamptz as created_at,
                 null::timestamptz as last_accessed_at, null::jsonb as metadata, 0 as kind
          from folders order by folder ${order})
         union all
         (select path_tokens[$4] as name, id, updated_at, created_at, last_accessed_at, metadata, 1 as kind
          from matching where array_length(path_tokens, 1) = $4
          order by ${column} ${order})
       ) entries
       order by kind, ${column === 'name' ? 'name' : `kind, ${column}`} ${order}
       limit $5 offset $6`,
      [bucket, likeEscape(prefix), likeEscape(search), level, limit, offset],
    )
    return rows.map(({ kind: _kind, ...entry }) => entry)
  })
}
