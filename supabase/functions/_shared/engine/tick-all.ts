// One scheduler tick: advance every active execution (queued, running, paused), a batch at a time, a few at
// once. Safe to run from many places together: engine_apply makes each transition happen exactly once.
import type { SupabaseClient } from '@supabase/supabase-js'
import { advanceExecution } from './advance.ts'
import { dispatchWorkflows } from './github-workflow-dispatch.ts'
import { loadActiveBatch, loadBlockedEnvironments, loadExecution, needsBlocked, type LoadedExecution } from './snapshot.ts'

export interface TickAllOptions {
  /** Only this execution (it still has to be active). */
  executionId?: string
  /** Executions read per query. */
  batchSize?: number
  /** Executions advanced at the same time. */
  concurrency?: number
  /** Stop after this many executions, so one call stays bounded; the next tick carries on. */
  maxExecutions?: number
}

export interface TickReport {
  executions: number
  transitions: number
  log_lines: number
  conflicts: number
  /** Runs left to another instance that was applying them at the same moment. */
  busy: number
  /** GitHub workflows dispatched. */
  dispatched: number
  /** Locks that reached their expiry and were lifted by this tick. */
  locks_lifted: number
  errors: { execution_id: string; message: string }[]
  ms: number
}

export async function tickAll(admin: SupabaseClient, options: TickAllOptions = {}): Promise<TickReport> {
  const started = Date.now()
  const { batchSize = 100, concurrency = 8, maxExecutions = 2000 } = options
  const report: TickReport = { executions: 0, transitions: 0, log_lines: 0, conflicts: 0, busy: 0, dispatched: 0, locks_lifted: 0, errors: [], ms: 0 }
  let after: string | null = null
  // Locks past their expiry are lifted (and audited) first; reads already treat them as lifted.
  const lifted = await admin.rpc('lift_expired_locks')
  if (lifted.error) report.errors.push({ execution_id: '', message: `lifting expired locks: ${lifted.error.message}` })
  else report.locks_lifted = lifted.data as number
  while (report.executions < maxExecutions) {
    let batch: LoadedExecution[]
    if (options.executionId) {
      const one = await loadExecution(admin, options.executionId)
      batch = one && ['queued', 'running', 'paused'].includes(one.snapshot.status) ? [one] : []
    } else {
      batch = await loadActiveBatch(admin, after, Math.min(batchSize, maxExecutions - report.executions))
    }
    if (batch.length === 0) break
    const blocked = needsBlocked(batch) ? await loadBlockedEnvironments(admin, batch.map((e) => e.projectId)) : new Map()
    await eachLimited(batch, concurrency, async (execution) => {
      try {
        const r = await advanceExecution(admin, execution, { blocked, skipIfBusy: true })
        // GitHub workflow steps that started: dispatched here, after the apply (no network call inside it).
        if (execution.awaitsDispatch && !r.busy) {
          const d = await dispatchWorkflows(admin, execution.id)
          report.dispatched += d.dispatched
          if (d.failed > 0) report.transitions += (await advanceExecution(admin, execution.id, { skipIfBusy: true })).transitions
        }
        if (r.busy) report.busy++
        report.transitions += r.transitions
        report.log_lines += r.logLines
        report.conflicts += r.conflicts
      } catch (error) {
        report.errors.push({ execution_id: execution.id, message: (error as Error).message })
      }
    })
    report.executions += batch.length
    after = batch[batch.length - 1].id
    if (options.executionId || batch.length < batchSize) break
  }
  report.ms = Date.now() - started
  return report
}

async function eachLimited<T>(items: readonly T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) await fn(items[next++])
  })
  await Promise.all(workers)
}
