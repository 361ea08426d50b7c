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
 */
export function startScheduler(options: SchedulerOptions): Scheduler {
  const intervalMs = options.intervalMs ?? tickMsFromEnv()
  if (intervalMs <= 0 || !findEntrypoint(options.functionsDir, 'engine-tick')) return { stop: async () => {} }

  let stopped = false
  let timer: NodeJS.Timeout | undefined
  let running: Promise<void> = Promise.resolve()
  let failing = false

  const once = async () => {
    try {
      const res = await fetch(`${options.apiUrl}/functions/v1/engine-tick`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${options.serviceRoleKey}`,
          apikey: options.serviceRoleKey,
          'content-type': 'application/json',
        },
        body: '{}',
        signal: AbortSignal.timeout(60_000),
      })
      const text = await res.text()
      if (!res.ok) throw new Error(`HTTP ${res.status}: ${text.slice(0, 300)}`)
      if (failing) options.log('engine-tick: working again')
      failing = false
    } catch (error) {
      if (!failing && !stopped) options.log(`engine-tick failed: ${(error as Error).message}`)
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
  options.log(`scheduler: engine-tick every ${intervalMs} ms`)

  return {
    async stop() {
      stopped = true
      clearTimeout(timer)
      await running
    },
  }
}

function tickMsFromEnv(): number {
  const raw = process.env.OPZENIX_TICK_MS
  const value = raw === undefined || raw === '' ? 1000 : Number(raw)
  return Number.isFinite(value) ? value : 1000
}

export const functionsDirOf = (workdir: string) => path.join(workdir, 'functions')
