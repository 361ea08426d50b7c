// History for the execution page's log panel: one node's lines in id order, a page at a time. Everything is
// read through the caller's client, so RLS decides: a non-member sees no execution and gets a 404.
import { z } from 'zod'
import { requireCaller } from '../_shared/auth.ts'
import { handle, json, notFound, readInput } from '../_shared/http.ts'

const input = z.object({
  execution_id: z.guid(),
  node_id: z.string().min(1).max(200),
  after_id: z.number().int().min(0).optional(),
  limit: z.number().int().min(1).max(1000).default(200),
})

const COLUMNS = 'id, level, message, metadata, created_at'

export const fetchNodeLogs = handle(['POST'], async (req) => {
  const caller = await requireCaller(req)
  const { execution_id, node_id, after_id = 0, limit } = await readInput(req, input)

  const execution = await caller.db.from('executions').select('id').eq('id', execution_id).maybeSingle()
  if (execution.error) throw execution.error
  if (!execution.data) throw notFound('No such execution, or you are not a member of its project')

  const node = await caller.db.from('execution_nodes').select('id')
    .eq('execution_id', execution_id).eq('node_id', node_id).maybeSingle()
  if (node.error) throw node.error
  if (!node.data) throw notFound(`Execution has no node "${node_id}"`)

  const page = await caller.db.from('execution_logs').select(COLUMNS)
    .eq('execution_id', execution_id).eq('node_id', node_id).gt('id', after_id)
    .order('id', { ascending: true }).limit(limit)
  if (page.error) throw page.error
  const lines = page.data
  const next_after_id = lines.length > 0 ? lines[lines.length - 1].id : after_id

  // PostgREST caps a response at max_rows (1000), so "one more row" is asked for separately, and only
  // when the page came back full.
  let has_more = false
  if (lines.length === limit) {
    const probe = await caller.db.from('execution_logs').select('id')
      .eq('execution_id', execution_id).eq('node_id', node_id).gt('id', next_after_id).limit(1)
    if (probe.error) throw probe.error
    has_more = probe.data.length > 0
  }
  return json({ lines, next_after_id, has_more })
})
