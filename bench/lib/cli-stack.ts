import { spawn, type ChildProcess } from 'node:child_process'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..')
const TSX = path.join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs')

export interface CliStack {
  child: ChildProcess
  /** Milliseconds from spawn to the CLI's ready line. */
  readyMs: number
  apiUrl: string
  dbUrl: string
  anonKey: string
  serviceRoleKey: string
  stop(): Promise<void>
}

/** Runs `tsx stack/cli.ts <args>` as a user would, in its own process, and resolves when it prints its ready line. */
export function startCliStack(args: string[], env: Record<string, string> = {}, timeoutMs = 120_000): Promise<CliStack> {
  const started = performance.now()
  const child = spawn(process.execPath, [TSX, 'stack/cli.ts', ...args], {
    cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  // A bench that crashes must not leave a stack running behind it.
  const killOnExit = () => child.kill('SIGINT')
  process.once('exit', killOnExit)
  child.once('exit', () => process.off('exit', killOnExit))
  const stop = () => new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve()
    child.once('exit', () => resolve())
    child.kill('SIGINT')
  })
  return new Promise((resolve, reject) => {
    const fail = (why: string) => { clearTimeout(timer); void stop(); reject(new Error(`${why}\n${output.slice(-2000)}`)) }
    const timer = setTimeout(() => fail(`no ready line within ${timeoutMs} ms`), timeoutMs)
    child.stderr!.on('data', (chunk) => { output += chunk })
    const exitedEarly = (code: number | null) => fail(`the CLI exited with ${code} before it was ready`)
    child.once('exit', exitedEarly)
    let ready = false
    child.stdout!.on('data', (chunk) => {
      output += chunk
      if (ready) return
      const field = (label: string) => output.match(new RegExp(`${label}: (\\S+)\\n`))?.[1]
      // The service_role key is the last line of the ready block (the App URL follows it only for `start`).
      const needsApp = args.includes('start')
      if (!field('service_role key') || (needsApp && !field('App URL'))) return
      ready = true
      clearTimeout(timer)
      child.off('exit', exitedEarly)
      resolve({
        child, readyMs: performance.now() - started,
        apiUrl: field('API URL')!, dbUrl: field('DB URL')!, anonKey: field('anon key')!, serviceRoleKey: field('service_role key')!,
        stop,
      })
    })
  })
}
