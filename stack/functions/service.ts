import path from 'node:path'
import type { Service, StackContext } from '../service.ts'
import { refusal } from './authorize.ts'
import { sendRuntimeError, sendUnauthorized } from './errors.ts'
import { forward } from './forward.ts'
import { PayloadTooLarge, readBody } from '../http.ts'
import { bodyLimits, sendTooLarge } from '../limits.ts'
import { findEntrypoint } from './project.ts'
import { BootError } from './worker.ts'
import { WorkerPool } from './workers.ts'

/**
 * `/functions/v1/<name>/...`: an edge-runtime-compatible host. Each function runs in its own Deno process,
 * started on first request, and sees the path `/<name>/...` as under Supabase's edge runtime.
 */
export async function createFunctionsService(ctx: StackContext): Promise<Service> {
  const { config } = ctx
  const functionsDir = path.join(config.workdir, 'functions')
  const workers = new WorkerPool({
    functionsDir,
    runtimeDir: path.join(config.dataDir, 'functions'),
    env: {
      SUPABASE_URL: ctx.apiUrl,
      SUPABASE_ANON_KEY: config.anonKey,
      SUPABASE_SERVICE_ROLE_KEY: config.serviceRoleKey,
      SUPABASE_DB_URL: ctx.dbUrl,
    },
    log: ctx.log,
  })

  const maxBody = bodyLimits().functions
  return {
    async handle(req, res, rest) {
      const entrypoint = findEntrypoint(functionsDir, /^\/([^/?]*)/.exec(rest)?.[1] ?? '')
      if (!entrypoint) return sendRuntimeError(res, 'NOT_FOUND')
      const name = path.basename(path.dirname(entrypoint))

      // Like the runtime, let OPTIONS through unauthenticated: CORS preflights carry no token.
      if (req.method !== 'OPTIONS' && (config.functions[name]?.verifyJwt ?? true)) {
        const message = await refusal(req, config.jwtSecret)
        if (message) return sendUnauthorized(res, message)
      }

      let body: Buffer
      try {
        body = await readBody(req, maxBody)
      } catch (error) {
        if (error instanceof PayloadTooLarge) return sendTooLarge(res, 'functions', maxBody)
        throw error
      }

      let worker: Awaited<ReturnType<WorkerPool['lease']>>
      try {
        worker = await workers.lease(name, entrypoint)
      } catch (error) {
        if (error instanceof BootError) return sendRuntimeError(res, 'BOOT_ERROR')
        throw error
      }
      try {
        const outcome = await forward(req, res, worker.origin, rest, body)
        if (outcome === 'crashed') sendRuntimeError(res, 'WORKER_ERROR')
      } finally {
        worker.release()
      }
    },
    stop: () => workers.stop(),
  }
}
