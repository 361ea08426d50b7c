// POST { execution_id, reason? } → 200 { execution_id, status: 'cancelled' }. Every unfinished node is
// cancelled and open approval requests are closed, in one transaction. Operators and admins only; a run that
// already finished is a 409.
import { z } from 'zod'
import { requireCaller, requireProjectRole } from '../_shared/auth.ts'
import { conflict, handle, json, notFound, readInput } from '../_shared/http.ts'
import { cancelExecution } from '../_shared/engine/advance.ts'

const input = z.object({
  execution_id: z.uuid(),
  reason: z.string().trim().min(1).max(500).optional(),
})

const FINISHED = ['success', 'warning', 'failed', 'cancelled']

export const handler = handle(['POST'], async (req) => {
  const caller = await requireCaller(req)
  const body = await readInput(req, input)
  const { data: run, error } = await caller.db.from('executions')
    .select('id, project_id, status').eq('id', body.execution_id).maybeSingle()
  if (error) throw error
  if (!run) throw notFound('No execution with that id')
  await requireProjectRole(caller, run.project_id, 'operator', 'cancel a run')
  if (FINISHED.includes(run.status)) throw conflict(`The run already finished (${run.status})`, { status: run.status })

  const cancelled = await cancelExecution(caller.admin, run.id, caller.user.id, body.reason)
  if (!cancelled) {
    const { data: now } = await caller.admin.from('executions').select('status').eq('id', run.id).single()
    throw conflict(`The run already finished (${now?.status ?? 'unknown'})`, { status: now?.status })
  }
  return json({ execution_id: run.id, status: 'cancelled' })
})
