import { spawn, type ChildProcess } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import path from 'node:path'
import { createInterface } from 'node:readline'
import { pathToFileURL } from 'node:url'
import { BOOTSTRAP, DENO_BINARY } from './deno-config.ts'

export interface WorkerOptions {
  name: string
  entrypoint: string
  configFile: string
  denoDir: string
  env: Record<string, string>
  log(line: string): void
}

const BOOT_TIMEOUT_MS = 30_000
// A retired worker's background work (waitUntil) may run this long after its last answer, as the hosted
// runtime lets it run past the response.
const RETIRE_GRACE_MS = 60_000

/** The worker could not load the function (bad import, syntax error, no Deno.serve). */
export class BootError extends Error {}

/** One warm Deno process serving one function on an internal 127.0.0.1 port. */
export class Worker {
  readonly origin: Promise<string>
  private child: ChildProcess
  private exited = false
  private exit: Promise<void>
  private inflight = 0
  private retiring = false

  constructor(options: WorkerOptions) {
    const marker = `opzenix-worker-listening-${randomUUID()}`
    this.child = spawn(
      DENO_BINARY,
      ['run', '--allow-all', '--no-prompt', '--cached-only', '--no-lock', '--config', options.configFile, BOOTSTRAP],
      {
        cwd: path.dirname(options.entrypoint),
        env: {
          ...options.env,
          DENO_DIR: options.denoDir,
          NO_COLOR: '1',
          OPZENIX_WORKER_ENTRY: pathToFileURL(options.entrypoint).href,
          OPZENIX_WORKER_MARKER: marker,
        },
        stdio: ['pipe', 'pipe', 'pipe'],
      },
    )
    this.exit = new Promise((resolve) => {
      this.child.once('exit', (code, signal) => {
        this.exited = true
        options.log(`worker exited (${signal ?? `code ${code}`})`)
        resolve()
      })
    })
    // A function stuck at top level (an await that never settles) would otherwise hold its callers forever.
    const bootTimer = setTimeout(() => void this.stop(), BOOT_TIMEOUT_MS)
    this.origin = new Promise((resolve, reject) => {
      this.child.once('error', (error) => reject(new BootError(error.message)))
      this.exit.then(() => reject(new BootError('the worker exited before it served')))
      createInterface({ input: this.child.stdout! }).on('line', (line) => {
        if (line.startsWith(`${marker} `)) resolve(`http://127.0.0.1:${line.slice(marker.length + 1)}`)
        else options.log(line)
      })
      createInterface({ input: this.child.stderr! }).on('line', (line) => options.log(line))
    })
    this.origin.catch(() => {}).finally(() => clearTimeout(bootTimer))
  }

  get pid(): number | undefined {
    return this.child.pid
  }

  get alive(): boolean {
    return !this.exited
  }

  /** Counts a request as in flight; call the returned function when its answer is done. */
  lease(): () => void {
    this.inflight++
    let released = false
    return () => {
      if (released) return
      released = true
      this.inflight--
      if (this.retiring && this.inflight === 0) void this.stop(RETIRE_GRACE_MS)
    }
  }

  /** Stops once the requests in flight are answered (an edit must not cut a running stream short). */
  retire(): Promise<void> {
    this.retiring = true
    return this.inflight === 0 ? this.stop(RETIRE_GRACE_MS) : this.exit
  }

  /** Stops the process by its PID: SIGTERM (it finishes its waitUntil work), then SIGKILL if it lingers. */
  async stop(graceMs = 2000): Promise<void> {
    if (this.exited || this.child.pid === undefined) return
    this.child.kill('SIGTERM')
    const timer = setTimeout(() => this.child.kill('SIGKILL'), graceMs)
    await this.exit
    clearTimeout(timer)
  }
}
