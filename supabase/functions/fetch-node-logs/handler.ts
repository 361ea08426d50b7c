// History for the execution page's log panel: one node's lines in id order, a page at a time, forward from
// `after_id` or backward from `before_id` (or from the end); or, with `download`, the whole log (of `levels`, when
// given) streamed as a text file. Everything is read through the caller's client, so RLS decides: a non-member
// sees no execution and gets a 404.
import { z } from 'zod'
import { requireCaller, type Caller } from '../_shared/auth.ts'
import { corsHeaders, handle, json, notFound, readInput } from '../_shared/http.ts'

const input = z.object({
  execution_id: z.guid(),
  node_id: z.string().min(1).max(200),
  after_id: z.number().int().min(0).optional(),
  before_id: z.number().int().min(1).optional(),
  from_end: z.boolean().optional(),
  limit: z.number().int().min(1).max(1000).default(200),
  download: z.boolean().optional(),
  levels: z.array(z.enum(['debug', 'info', 'warn', 'error'])).min(1).max(4).optional(),
}).refine((i) => i.after_id === undefined || (i.before_id === undefined && !i.from_end), {
  message: 'Page forward (after_id) or backward (before_id, from_end), not both',
})

type Input = z.output<typeof input>

const COLUMNS = 'id, level, message, metadata, created_at'

export const fetchNodeLogs = handle(['POST'], async (req) => {
  const caller = await requireCaller(req)
  const request = await readInput(req, input)
  const { execution_id, node_id } = request

  const execution = await caller.db.from('executions').select('id').eq('id', execution_id).maybeSingle()
  if (execution.error) throw execution.error
  if (!execution.data) throw notFound('No such execution, or you are not a member of its project')

  const node = await caller.db.from('execution_nodes').select('id')
    .eq('execution_id', execution_id).eq('node_id', node_id).maybeSingle()
  if (node.error) throw node.error
  if (!node.data) throw notFound(`Execution has no node "${node_id}"`)

  if (request.download) return download(caller, request)
  const backward = request.before_id !== undefined || request.from_end === true
  return json(backward ? await pageBackward(caller, request) : await pageForward(caller, request))
})

const nodeLines = (caller: Caller, { execution_id, node_id }: Input) =>
  caller.db.from('execution_logs').select(COLUMNS).eq('execution_id', execution_id).eq('node_id', node_id)

/** Whether a line exists past `id` in one direction. PostgREST caps a response at max_rows (1000), so "one
 * more row" is asked for separately, and only when the page came back full. */
async function anyBeyond(caller: Caller, request: Input, id: number, direction: 'after' | 'before'): Promise<boolean> {
  const query = caller.db.from('execution_logs').select('id').eq('execution_id', request.execution_id).eq('node_id', request.node_id)
  const probe = await (direction === 'after' ? query.gt('id', id) : query.lt('id', id)).limit(1)
  if (probe.error) throw probe.error
  return probe.data.length > 0
}

async function pageForward(caller: Caller, request: Input) {
  const after_id = request.after_id ?? 0
  const page = await nodeLines(caller, request).gt('id', after_id).order('id', { ascending: true }).limit(request.limit)
  if (page.error) throw page.error
  const lines = page.data
  const next_after_id = lines.length > 0 ? lines[lines.length - 1].id : after_id
  const has_more = lines.length === request.limit && await anyBeyond(caller, request, next_after_id, 'after')
  return { lines, next_after_id, has_more }
}

/** The `limit` lines just before `before_id` (or the newest ones), still oldest first. */
async function pageBackward(caller: Caller, request: Input) {
  let query = nodeLines(caller, request)
  if (request.before_id !== undefined) query = query.lt('id', request.before_id)
  const page = await query.order('id', { ascending: false }).limit(request.limit)
  if (page.error) throw page.error
  const lines = page.data.reverse()
  const next_after_id = lines.length > 0 ? lines[lines.length - 1].id : (request.before_id ?? 1) - 1
  const has_earlier = lines.length === request.limit && await anyBeyond(caller, request, lines[0].id, 'before')
  return { lines, next_after_id, has_earlier }
}

const DOWNLOAD_PAGE = 1000

/**
 * The node's whole log as text, one line per log line ("time LEVEL message"), streamed a page at a time by id
 * (node_log_page checks membership once per page and walks the node's index), so a million lines start arriving
 * at once and the function never holds more than a page.
 */
function download(caller: Caller, request: Input): Response {
  const encoder = new TextEncoder()
  let after = 0
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const { data, error } = await caller.db.rpc('node_log_page', {
        _execution_id: request.execution_id, _node_id: request.node_id, _after_id: after, _limit: DOWNLOAD_PAGE,
        ...(request.levels ? { _levels: request.levels } : {}),
      })
      if (error) return controller.error(error)
      const rows = data as Array<{ id: number; level: string; message: string; created_at: string }>
      if (rows.length > 0) {
        after = rows[rows.length - 1].id
        controller.enqueue(encoder.encode(rows.map((r) => `${r.created_at} ${r.level.toUpperCase().padEnd(5)} ${r.message}\n`).join('')))
      }
      if (rows.length < DOWNLOAD_PAGE) controller.close()
    },
  })
  const name = `${request.node_id.replace(/[^\w.-]+/g, '_')}-${request.execution_id.slice(0, 8)}.log`
  return new Response(body, {
    headers: { ...corsHeaders, 'content-type': 'text/plain; charset=utf-8', 'content-disposition': `attachment; filename="${name}"` },
  })
}
