import { readFile } from 'node:fs/promises'
import { createServer } from 'node:http'
import path from 'node:path'
import type { RunningApp } from './app.ts'
import type { RunningStack } from './stack.ts'

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml', '.png': 'image/png', '.json': 'application/json', '.map': 'application/json', '.woff2': 'font/woff2',
}

/**
 * Serves a production build of the SPA (`vite build` output) pointed at `stack` through
 * window.__OPZENIX_CONFIG__, so one build serves any stack. Unknown paths get index.html (client-side routes).
 */
export async function serveBuiltApp(stack: Pick<RunningStack, 'apiUrl' | 'anonKey'>, port: number, distDir: string): Promise<RunningApp> {
  const config = JSON.stringify({ supabaseUrl: stack.apiUrl, supabaseAnonKey: stack.anonKey }).replace(/</g, '\\u003c')
  const index = (await readFile(path.join(distDir, 'index.html'), 'utf8'))
    .replace('<head>', `<head><script>window.__OPZENIX_CONFIG__=${config}</script>`)
  const server = createServer(async (req, res) => {
    const pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)
    const file = path.join(distDir, path.normalize(pathname))
    if (file.startsWith(distDir + path.sep) && path.extname(file) && !file.endsWith('index.html')) {
      try {
        const body = await readFile(file)
        res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream', 'cache-control': 'public, max-age=31536000, immutable' })
        return void res.end(body)
      } catch {
        res.writeHead(404).end()
        return
      }
    }
    res.writeHead(200, { 'content-type': TYPES['.html']!, 'cache-control': 'no-cache' }).end(index)
  })
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(port, '127.0.0.1', resolve))
  return {
    url: `http://127.0.0.1:${port}`,
    stop: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()) }),
  }
}
