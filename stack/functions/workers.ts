import path from 'node:path'
import { writeDenoConfig } from './deno-config.ts'
import { fingerprint, readSecrets } from './project.ts'
import { Worker } from './worker.ts'

export interface WorkerPoolOptions {
  functionsDir: string
  /** Generated deno.json files and the Deno cache live here (under the stack's data dir). */
  runtimeDir: string
  env: Record<string, string>
  log(line: string): void
}

interface Slot {
  print: string
  worker?: Worker
  origin: Promise<string>
  failed: boolean
}

/** One warm worker per function, started on first use and restarted when its files change or it dies. */
export class WorkerPool {
  private slots = new Map<string, Slot>()
  private stopped = false

  constructor(private options: WorkerPoolOptions) {}

  /** The origin of a worker serving `name`; rejects with BootError when the function cannot load. */
  async originFor(name: string, entrypoint: string): Promise<string> {
    const print = fingerprint(this.options.functionsDir, name)
    let slot = this.slots.get(name)
    if (slot && slot.print !== print) {
      this.options.log(`${name}: files changed, restarting its worker`)
      void slot.worker?.stop()
      slot = undefined
    } else if (slot && !slot.failed && slot.worker && !slot.worker.alive) {
      slot = undefined
    }
    if (!slot) {
      slot = this.start(name, entrypoint, print)
      this.slots.set(name, slot)
    }
    return slot.origin
  }

  private start(name: string, entrypoint: string, print: string): Slot {
    const { functionsDir, runtimeDir, env, log } = this.options
    const slot: Slot = { print, failed: false, origin: Promise.resolve('') }
    slot.origin = (async () => {
      const configFile = await writeDenoConfig(functionsDir, name, runtimeDir)
      if (this.stopped) throw new Error('the functions service is stopping')
      const startedAt = performance.now()
      slot.worker = new Worker({
        name, entrypoint, configFile,
        denoDir: path.join(runtimeDir, 'deno-dir'),
        env: { ...readSecrets(functionsDir), ...env },
        log: (line) => log(`${name}: ${line}`),
      })
      const origin = await slot.worker.origin
      log(`${name}: worker ${slot.worker.pid} serving after ${Math.round(performance.now() - startedAt)} ms`)
      return origin
    })()
    slot.origin.catch(() => { slot.failed = true })
    return slot
  }

  /** Stops every worker by its PID. */
  async stop(): Promise<void> {
    this.stopped = true
    const slots = [...this.slots.values()]
    this.slots.clear()
    await Promise.all(slots.map(async (slot) => {
      await slot.origin.catch(() => {})
      await slot.worker?.stop()
    }))
  }
}
