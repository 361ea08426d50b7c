import { mkdir, readdir, rm, stat } from 'node:fs/promises'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
export const E2E_DIST = path.join(ROOT, 'node_modules', '.cache', 'opzenix-e2e', 'dist')
const LOCK = `${E2E_DIST}.lock`
const SOURCES = ['src', 'supabase/functions/_shared/pipeline', 'supabase/functions/_shared/github/branch-mapping.ts', 'supabase/functions/_shared/zod-sentences.ts', 'index.html', 'vite.config.ts']

async function newestSource(entry: string): Promise<number> {
  const full = path.join(ROOT, entry)
  const info = await stat(full)
  if (!info.isDirectory()) return info.mtimeMs
  let newest = info.mtimeMs
  for (const child of await readdir(full)) newest = Math.max(newest, await newestSource(path.join(entry, child)))
  return newest
}

async function builtAt(): Promise<number> {
  return stat(path.join(E2E_DIST, 'index.html')).then((s) => s.mtimeMs, () => 0)
}

/**
 * A production build of the SPA for browser tests and benchmarks, rebuilt only when a source is newer.
 * Test files run in parallel, so one builds while the others wait on a lock directory.
 */
export async function buildAppOnce(): Promise<string> {
  for (;;) {
    const sources = Math.max(...await Promise.all(SOURCES.map(newestSource)))
    if (await builtAt() > sources) return E2E_DIST
    await mkdir(path.dirname(E2E_DIST), { recursive: true })
    try {
      await mkdir(LOCK)
    } catch {
      const lockAge = Date.now() - (await stat(LOCK).then((s) => s.mtimeMs, () => Date.now()))
      if (lockAge > 180_000) await rm(LOCK, { recursive: true, force: true })
      await new Promise((resolve) => setTimeout(resolve, 500))
      continue
    }
    try {
      const { build } = await import('vite')
      await build({
        configFile: path.join(ROOT, 'vite.config.ts'), root: ROOT, logLevel: 'warn',
        build: { outDir: E2E_DIST, emptyOutDir: true, sourcemap: false },
      })
      return E2E_DIST
    } finally {
      await rm(LOCK, { recursive: true, force: true })
    }
  }
}
