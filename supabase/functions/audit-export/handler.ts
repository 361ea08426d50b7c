// Exports an organization's audit trail as CSV or JSON, streamed: rows are read through the caller's own
// client (RLS: only the organization's admins read its trail) a page at a time in chain order, and each page
// is written to the response as soon as it arrives, so 100,000 rows never sit in memory together.
import { z } from 'zod'
import type { SupabaseClient } from '@supabase/supabase-js'
import { requireCaller } from '../_shared/auth.ts'
import { requireOrgRole } from '../_shared/connections/access.ts'
import { badRequest, corsHeaders, handle, notFound, readInput } from '../_shared/http.ts'
import { parseFilter, searchParamsObject, type ExportFilter, type Range } from './filters.ts'
import { contentType, exportFilename, writer, type ExportRow } from './format.ts'

/** Rows per read. PostgREST caps a response at max_rows (1000 in config.toml); a smaller cap only means more pages. */
const PAGE_SIZE = 1000
const STORED = 'id, created_at, organization_id, project_id, user_id, actor_role, action, resource_type, resource_id, details, before, after, prev_hash, hash'

type Stored = Omit<ExportRow, 'actor_email' | 'actor_name'> & { id: number; user_id: string | null }

async function readFilter(req: Request): Promise<{ filter: ExportFilter; range: Range }> {
  let raw: unknown
  if (req.method === 'GET') {
    const params = searchParamsObject(new URL(req.url).searchParams)
    if (params.repeated) throw badRequest(`${params.repeated}: give each filter once`, [{ path: params.repeated, message: 'given more than once' }])
    raw = params.value
  } else {
    raw = await readInput(req, z.record(z.string(), z.unknown()))
  }
  const parsed = parseFilter(raw)
  if (!parsed.ok) throw badRequest(parsed.message, parsed.details)
  return parsed
}

// deno-lint-ignore no-explicit-any
function filtered<Q extends { eq: any; is: any; or: any; gte: any; lt: any }>(query: Q, filter: ExportFilter, range: Range): Q {
  let q = query.eq('organization_id', filter.organization_id)
  if (filter.actor === 'system') q = q.is('user_id', null)
  else if (filter.actor) q = q.eq('user_id', filter.actor)
  if (filter.action) q = q.eq('action', filter.action)
  if (filter.resource_type) q = q.eq('resource_type', filter.resource_type)
  if (filter.resource_id) q = q.eq('resource_id', filter.resource_id)
  if (filter.environment) {
    const id = filter.environment // a uuid (validated), so it needs no quoting inside or=()
    q = q.or(`resource_id.eq.${id},before->>environment_id.eq.${id},after->>environment_id.eq.${id}`)
  }
  if (range.from) q = q.gte('created_at', range.from)
  if (range.to) q = q.lt('created_at', range.to)
  return q
}

/** Names and emails of the actors, read once per person through the caller's RLS (teammates' profiles). */
function actorDirectory(db: SupabaseClient, signal: AbortSignal) {
  const known = new Map<string, { email: string | null; name: string | null }>()
  return async (rows: Stored[]): Promise<ExportRow[]> => {
    const missing = [...new Set(rows.map((r) => r.user_id).filter((id): id is string => !!id && !known.has(id)))]
    if (missing.length > 0) {
      const { data, error } = await db.from('profiles').select('id, email, full_name').in('id', missing).abortSignal(signal)
      if (error) throw error
      for (const id of missing) known.set(id, { email: null, name: null })
      for (const p of data) known.set(p.id, { email: p.email ?? null, name: p.full_name ?? null })
    }
    return rows.map((r) => {
      const actor = r.user_id ? known.get(r.user_id) : undefined
      return { ...r, actor_email: actor?.email ?? null, actor_name: actor?.name ?? null }
    })
  }
}

export const auditExport = handle(['GET', 'POST'], async (req) => {
  const caller = await requireCaller(req)
  const { filter, range } = await readFilter(req)

  const org = await caller.db.from('organizations').select('id, slug').eq('id', filter.organization_id).maybeSingle()
  if (org.error) throw org.error
  if (!org.data) throw notFound('No such organization, or you are not a member of it')
  await requireOrgRole(caller, filter.organization_id, 'admin', 'export its audit trail')

  // The export covers the rows that match now. Ids are taken under the chain's lock, held until commit, so no
  // row with a smaller id can commit later: "id <= last" is a fixed set however long the stream takes.
  const head = await filtered(caller.db.from('audit_logs').select('id', { count: 'exact' }), filter, range)
    .order('id', { ascending: false }).limit(1)
  if (head.error) throw head.error
  const last: number | undefined = head.data[0]?.id
  const total = head.count ?? 0

  const abort = new AbortController()
  const named = actorDirectory(caller.db, abort.signal)
  const readPage = (after: number): Promise<Stored[]> => {
    const page = (async () => {
      const { data, error } = await filtered(caller.db.from('audit_logs').select(STORED), filter, range)
        .gt('id', after).lte('id', last!).order('id', { ascending: true }).limit(PAGE_SIZE).abortSignal(abort.signal)
      if (error) throw error
      return data as Stored[]
    })()
    page.catch(() => {}) // a read still in flight when the client goes away must not crash the worker
    return page
  }

  const out = writer(filter.format)
  const encoder = new TextEncoder()
  // One page is read ahead while the previous one is written, so at most two pages are held at once.
  let next: Promise<Stored[]> | undefined = last === undefined ? undefined : readPage(0)
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(out.start()))
    },
    async pull(controller) {
      try {
        if (!next) {
          controller.enqueue(encoder.encode(out.end()))
          controller.close()
          return
        }
        const rows = await next
        const cursor = rows.at(-1)?.id
        next = cursor !== undefined && cursor < last! ? readPage(cursor) : undefined
        controller.enqueue(encoder.encode(out.page(await named(rows))))
      } catch (error) {
        // The status line has gone out; all that can be done is to cut the download short, which the client sees.
        console.error('audit-export: stream failed', error)
        abort.abort()
        controller.error(error)
      }
    },
    cancel() {
      next = undefined
      abort.abort()
    },
  }, { highWaterMark: 1 })

  return new Response(body, {
    status: 200,
    headers: {
      ...corsHeaders,
      'access-control-expose-headers': 'content-disposition, x-audit-row-count',
      'content-type': contentType[filter.format],
      'content-disposition': `attachment; filename="${exportFilename(org.data.slug, range, filter.format)}"`,
      'cache-control': 'no-store',
      'x-audit-row-count': String(total),
    },
  })
})
