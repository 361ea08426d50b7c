import { watch, type FSWatcher } from 'node:fs'
import path from 'node:path'
import { writeDenoConfig } from './deno-config.ts'
import { fingerprint, readSecrets } from './project.ts'
import { BootError, Worker } from './worker.ts'

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
  private retired = new Set<Worker>()
  private stopped = false
  private prints = new Map<string, { print: string; at: number }>()
  private watcher: FSWatcher | undefined

  constructor(private options: WorkerPoolOptions) {
    try {
      // Any change under functions/ forgets the cached fingerprints, so an edit is seen on the next request.
      this.watcher = watch(options.functionsDir, { recursive: true }, () => this.prints.clear())
      this.watcher.on('error', () => this.prints.clear())
    } catch {
      this.watcher = undefined
    }
  }

  /**
   * Walking a function's files costs milliseconds per request under load, so the result is reused until the
   * watcher reports a change, and for at most a second in case a change went unreported.
   */
  private currentPrint(name: string): string {
    const cached = this.prints.get(name)
    const now = Date.now()
    if (this.watcher && cached && now - cached.at < 1000) return cached.print
    const print = fingerprint(this.options.functionsDir, name)
    this.prints.set(name, { print, at: now })
    return print
  }

  /**
   * A worker serving `name`, leased for one request: call `release()` once the answer is done.
   * Rejects with BootError when the function cannot load.
   */
  async lease(name: string, entrypoint: string): Promise<{ origin: string; release: () => void }> {
    const print = this.currentPrint(name)
    let slot = this.slots.get(name)
    if (slot && slot.print !== print) {
      this.options.log(`${name}: files changed, restarting its worker`)
      if (slot.worker) this.retire(slot.worker)
      slot = undefined
    } else if (slot && !slot.failed && slot.worker && !slot.worker.alive) {
      slot = undefined
    }
    if (!slot) {
      slot = this.start(name, entrypoint, print)
      this.slots.set(name, slot)
    }
    let origin: string
    try {
      origin = await slot.origin
    } catch (error) {
      // Files changed while this worker booted: the edited function deserves its own chance.
      if (this.slots.get(name) !== slot && !this.stopped) return this.lease(name, entrypoint)
      throw error
    }
    return { origin, release: slot.worker!.lease() }
  }

  private retire(worker: Worker): void {
    this.retired.add(worker)
    void worker.retire().then(() => this.retired.delete(worker))
  }

  private start(name: string, entrypoint: string, print: string): Slot {
    const { functionsDir, runtimeDir, env, log } = this.options
    const slot: Slot = { print, failed: false, origin: Promise.resolve('') }
    slot.origin = (async () => {
      const configFile = await writeDenoConfig(functionsDir, name, runtimeDir).catch((error: Error) => {
        log(`${name}: cannot read its import map: ${error.message}`)
        throw new BootError(error.message)
      })
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
    this.watcher?.close()
    const slots = [...this.slots.values()]
    this.slots.clear()
    await Promise.all([
      ...slots.map(async (slot) => {
        await slot.origin.catch(() => {})
        await slot.worker?.stop()
      }),
      ...[...this.retired].map((worker) => worker.stop()),
    ])
  }
}
