import path from 'node:path'
import { findEntrypoint } from './functions/project.ts'

export interface SchedulerOptions {
  apiUrl: string
  serviceRoleKey: string
  /** The project's functions folder; nothing is scheduled unless it holds engine-tick. */
  functionsDir: string
  /** Pause between the end of one tick and the start of the next (env OPZENIX_TICK_MS, default 1000; 0 turns it off). */
  intervalMs?: number
  log(line: string): void
}

export interface Scheduler {
  stop(): Promise<void>
}

/**
 * The local stand-in for pg_cron + pg_net on hosted Supabase: POSTs /functions/v1/engine-tick with the
 * service role key, one call at a time. A failed tick is logged (once per run of failures), never fatal.
 * Also calls otel-export (env OPZENIX_EXPORT_MS, default 5000; 0 turns it off) when `otel_export_due()` says
 * spans are waiting, so idle stacks never wake that function, and notify-event (env OPZENIX_NOTIFY_MS, default
 * 2000) likewise when `notification_delivery_due()` says a delivery is due, and sandbox-cleanup (env
 * OPZENIX_SANDBOX_CLEANUP_MS, default 60000) when `sandbox_cleanup_due()` says a demo sandbox has expired.
 */
export function startScheduler(options: SchedulerOptions): Scheduler {
  const loops = [
    every(options, 'engine-tick', options.intervalMs ?? tickMsFromEnv()),
    every(options, 'otel-export', msFromEnv('OPZENIX_EXPORT_MS', 5000), 'otel_export_due'),
    every(options, 'connection-health-check', msFromEnv('OPZENIX_HEALTH_CHECK_MS', 300_000)), // every connection (docs/github.md §6)
    every(options, 'notify-event', msFromEnv('OPZENIX_NOTIFY_MS', 2000), 'notification_delivery_due'), // email, Slack, webhooks (docs/governance.md)
    every(options, 'sandbox-cleanup', msFromEnv('OPZENIX_SANDBOX_CLEANUP_MS', 60_000), 'sandbox_cleanup_due'), // expired demo sandboxes (docs/demo.md)
  ]
  return { stop: async () => { await Promise.all(loops.map((loop) => loop.stop())) } }
}

function every(options: SchedulerOptions, fn: string, intervalMs: number, dueRpc?: string): Scheduler {
  if (intervalMs <= 0 || !findEntrypoint(options.functionsDir, fn)) return { stop: async () => {} }

  let stopped = false
  let timer: NodeJS.Timeout | undefined
  let running: Promise<void> = Promise.resolve()
  let failing = false
  const headers = {
    authorization: `Bearer ${options.serviceRoleKey}`,
    apikey: options.serviceRoleKey,
    'content-type': 'application/json',
  }

  const once = async () => {
    try {
      if (dueRpc) {
        const due = await fetch(`${options.apiUrl}/rest/v1/rpc/${dueRpc}`, { method: 'POST', headers, body: '{}', signal: AbortSignal.timeout(60_000) })
        if (due.ok && (await due.json()) !== true) return
      }
      const res = await fetch(`${options.apiUrl}/functions/v1/${fn}`, {
        method: 'POST',
        headers,
        body: '{}',
        signal: AbortSignal.timeout(60_000),
      })
      const text = await res.text()
      if (!res.ok) throw new Error(`HTTP ${res.status}: ${text.slice(0, 300)}`)
      if (failing) options.log(`${fn}: working again`)
      failing = false
    } catch (error) {
      if (!failing && !stopped) options.log(`${fn} failed: ${(error as Error).message}`)
      failing = true
    }
  }
  const schedule = () => {
    if (stopped) return
    timer = setTimeout(() => {
      running = once().finally(schedule)
    }, intervalMs)
  }
  schedule()
  options.log(`scheduler: ${fn} every ${intervalMs} ms`)

  return {
    async stop() {
      stopped = true
      clearTimeout(timer)
      await running
    },
  }
}

function tickMsFromEnv(): number {
  return msFromEnv('OPZENIX_TICK_MS', 1000)
}

function msFromEnv(name: string, fallback: number): number {
  const raw = process.env[name]
  const value = raw === undefined || raw === '' ? fallback : Number(raw)
  return Number.isFinite(value) ? value : fallback
}

export const functionsDirOf = (workdir: string) => path.join(workdir, 'functions')
