// Bundle benchmark: the gzip size of the JavaScript the browser loads for the first route. Builds the SPA with
// a Vite manifest, then follows it from index.html: the entry, the app module main.tsx always loads, and the
// route's lazy page, each with its static imports. Lazy chunks the route does not load (builder, charts) are
// listed separately so a regression that pulls them in shows.
//
// Run: npx tsx bench/bundle.ts
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { gzipSync } from 'node:zlib'
import { build } from 'vite'
import { report, target } from './lib/results.ts'

interface ManifestChunk {
  file: string
  imports?: string[]
  dynamicImports?: string[]
  isEntry?: boolean
}

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const ROUTES = {
  // Signed out at /: main.tsx loads the landing page instead of the app (no supabase-js, router or query client).
  landing: ['src/app/landing/landing-page.tsx'],
  'sign-in': ['src/app/app.tsx'],
  home: ['src/app/app.tsx', 'src/app/home/home-page.tsx'],
  pipelines: ['src/app/app.tsx', 'src/features/pipelines/pages/pipelines-page.tsx'],
  'pipeline-editor': ['src/app/app.tsx', 'src/features/pipelines/pages/pipeline-editor-page.tsx'],
  execution: ['src/app/app.tsx', 'src/features/executions/pages/execution-page.tsx'],
}

const outDir = await mkdtemp(path.join(os.tmpdir(), 'opzenix-bench-bundle-'))
try {
  await build({ configFile: path.join(ROOT, 'vite.config.ts'), root: ROOT, logLevel: 'warn', build: { outDir, manifest: true, sourcemap: false } })
  const manifest = JSON.parse(await readFile(path.join(outDir, '.vite', 'manifest.json'), 'utf8')) as Record<string, ManifestChunk>
  const gzipped = new Map<string, number>()
  const sizeOf = async (file: string) => {
    if (!gzipped.has(file)) gzipped.set(file, gzipSync(await readFile(path.join(outDir, file))).length)
    return gzipped.get(file)!
  }
  const closure = (keys: string[]) => {
    const seen = new Set<string>()
    const visit = (key: string) => {
      if (seen.has(key)) return
      seen.add(key)
      for (const next of manifest[key]?.imports ?? []) visit(next)
    }
    keys.forEach(visit)
    return seen
  }
  const entry = Object.keys(manifest).find((key) => manifest[key]!.isEntry)!
  const routes: Record<string, { files: number; gzip_kb: number }> = {}
  for (const [route, modules] of Object.entries(ROUTES)) {
    const present = modules.filter((m) => manifest[m])
    const chunks = closure([entry, ...present])
    let bytes = 0
    for (const key of chunks) if (manifest[key]!.file.endsWith('.js')) bytes += await sizeOf(manifest[key]!.file)
    routes[route] = { files: chunks.size, gzip_kb: Math.round(bytes / 102.4) / 10 }
    if (route === 'home' && process.argv.includes('--list')) {
      for (const key of chunks) console.log(`    ${key} → ${manifest[key]!.file} ${Math.round((gzipped.get(manifest[key]!.file) ?? 0) / 102.4) / 10} KB`)
    }
    console.log(`  ${route.padEnd(16)} ${String(routes[route].gzip_kb).padStart(7)} KB gzip in ${chunks.size} files`)
  }
  const largest = await Promise.all(Object.values(manifest).filter((c) => c.file.endsWith('.js'))
    .map(async (c) => ({ file: c.file, gzip_kb: Math.round(await sizeOf(c.file) / 102.4) / 10 })))
  largest.sort((a, b) => b.gzip_kb - a.gzip_kb)
  console.log('  largest chunks:', largest.slice(0, 8).map((c) => `${c.file} ${c.gzip_kb} KB`).join(', '))
  const firstRoute = routes.home!.gzip_kb
  await report('bundle', { routes, largest_chunks: largest.slice(0, 12) }, [
    target('gzip KB of JS loaded by the first route (home, signed in)', '<=', 200, firstRoute),
    target('gzip KB of JS loaded by the landing page (signed out at /)', '<=', 100, routes.landing!.gzip_kb),
  ])
} finally {
  await rm(outDir, { recursive: true, force: true })
}
