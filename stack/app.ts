import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { waitFor } from './net.ts'
import type { RunningStack } from './stack.ts'

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')

export interface RunningApp {
  url: string
  stop(): Promise<void>
}

export interface AppOptions {
  /** Vite's dependency cache; defaults to a folder in the stack's data dir so parallel stacks do not share one. */
  cacheDir?: string
}

/** Serves the SPA with Vite's dev server, pointed at `stack`; resolves once the page and its entry module answer. */
export async function startApp(stack: Pick<RunningStack, 'apiUrl' | 'anonKey' | 'config'>, port: number, options: AppOptions = {}): Promise<RunningApp> {
  const { createServer } = await import('vite')
  const server = await withoutExitHandlers(() => createServer({
    configFile: path.join(ROOT, 'vite.config.ts'),
    root: ROOT,
    cacheDir: options.cacheDir ?? path.join(stack.config.dataDir, 'vite'),
    server: { host: '127.0.0.1', port, strictPort: true },
    define: {
      'import.meta.env.VITE_SUPABASE_URL': JSON.stringify(stack.apiUrl),
      'import.meta.env.VITE_SUPABASE_ANON_KEY': JSON.stringify(stack.anonKey),
    },
    clearScreen: false,
    logLevel: 'warn',
  }))
  try {
    await server.listen()
    const url = `http://127.0.0.1:${port}`
    // Requesting the entry module makes Vite transform it (and pre-bundle dependencies) before anyone opens the page.
    await waitFor('the web app', async () => (await fetch(url)).ok && (await fetch(`${url}/src/main.tsx`)).ok, 60_000)
    return { url, stop: () => server.close() }
  } catch (error) {
    await server.close()
    throw error
  }
}

/**
 * Vite's dev server exits the process on SIGTERM and when stdin ends, before the caller has stopped what else it
 * runs (the stack's Postgres and PostgREST were left behind). The caller owns shutdown and closes the app itself,
 * so the handlers Vite adds while it is created are removed again.
 */
async function withoutExitHandlers<T>(create: () => Promise<T>): Promise<T> {
  const sigterm = new Set(process.listeners('SIGTERM'))
  const stdinEnd = new Set(process.stdin.listeners('end'))
  try {
    return await create()
  } finally {
    for (const listener of process.listeners('SIGTERM')) if (!sigterm.has(listener)) process.off('SIGTERM', listener)
    for (const listener of process.stdin.listeners('end')) if (!stdinEnd.has(listener)) process.stdin.off('end', listener as () => void)
  }
}
