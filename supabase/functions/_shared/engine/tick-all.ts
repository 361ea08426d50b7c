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
  /**
   * For this long after the call started, a run whose timed step ends meanwhile is advanced again the moment it
   * is due, so runs of short steps move as fast as their steps allow rather than one step per scheduler tick
   * (0: one pass only). Each follow-up goes through engine_apply like any tick: the same exactly-once rules.
   */
  followUpMs?: number
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
  /** Advances made during followUpMs because a timed step came due. */
  follow_ups: number
  errors: { execution_id: string; message: string }[]
  ms: number
}

export async function tickAll(admin: SupabaseClient, options: TickAllOptions = {}): Promise<TickReport> {
  const started = Date.now()
  const { batchSize = 100, concurrency = 8, maxExecutions = 2000, followUpMs = 0 } = options
  const report: TickReport = { executions: 0, transitions: 0, log_lines: 0, conflicts: 0, busy: 0, dispatched: 0, locks_lifted: 0, follow_ups: 0, errors: [], ms: 0 }
  const due = new Map<string, number>()
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
        if (r.dueAt != null) due.set(execution.id, r.dueAt)
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
  await followUp(admin, due, started + followUpMs, concurrency, report)
  report.ms = Date.now() - started
  return report
}

/** Advances each run again when its next timed step is due, until `deadline`; runs not due by then wait for the next tick. */
async function followUp(admin: SupabaseClient, due: Map<string, number>, deadline: number, concurrency: number, report: TickReport): Promise<void> {
  for (;;) {
    const soonest = Math.min(...due.values())
    if (!Number.isFinite(soonest) || soonest > deadline) return
    const wait = soonest - Date.now()
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait))
    const now = Date.now()
    const ready = [...due].filter(([, at]) => at <= now).map(([id]) => id)
    for (const id of ready) due.delete(id)
    await eachLimited(ready, concurrency, async (id) => {
      try {
        const r = await advanceExecution(admin, id, { skipIfBusy: true })
        report.follow_ups++
        report.transitions += r.transitions
        report.log_lines += r.logLines
        report.conflicts += r.conflicts
        if (r.dueAt != null) due.set(id, r.dueAt)
      } catch (error) {
        report.errors.push({ execution_id: id, message: (error as Error).message })
      }
    })
  }
}

async function eachLimited<T>(items: readonly T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) await fn(items[next++])
  })
  await Promise.all(workers)
}
