import type { IncomingMessage, ServerResponse } from 'node:http'
import { sendJson } from '../http.ts'
import type { Service, StackContext } from '../service.ts'
import { getUser, signOut, updateUser } from './account.ts'
import { createUserAsAdmin, deleteUserAsAdmin, getUserById, listUsers, updateUserAsAdmin } from './admin.ts'
import { requireAdmin } from './authenticate.ts'
import { AuthError, authHeaders, sendAuthError } from './errors.ts'
import { AuthLimits } from './rate-limit.ts'
import { HEALTH, settings } from './settings.ts'
import { signup } from './signup.ts'
import { token } from './token.ts'

type Answer = { status?: number; body?: unknown; headers?: Record<string, string> }

async function route(ctx: StackContext, limits: AuthLimits, req: IncomingMessage, path: string): Promise<Answer> {
  const url = new URL(path, 'http://auth')
  const method = req.method ?? 'GET'
  const at = (m: string, p: string) => method === m && url.pathname === p

  if (at('GET', '/health')) return { body: HEALTH }
  if (at('GET', '/settings')) return { body: settings(ctx.config) }
  if (at('POST', '/signup')) {
    limits.checkIp(req)
    return { body: await signup(ctx, req) }
  }
  if (at('POST', '/token')) {
    if (url.searchParams.get('grant_type') === 'password') limits.checkIp(req)
    return { body: await token(ctx, req, url.searchParams, limits) }
  }
  if (at('GET', '/user')) return { body: await getUser(ctx, req) }
  if (at('PUT', '/user')) return { body: await updateUser(ctx, req) }
  if (at('POST', '/logout')) {
    await signOut(ctx, req, url.searchParams)
    return { status: 204 }
  }
  if (url.pathname === '/admin/users' || url.pathname.startsWith('/admin/users/')) {
    await requireAdmin(ctx, req)
    if (at('GET', '/admin/users')) {
      const page = await listUsers(ctx, path, url.searchParams)
      return { body: page.body, headers: page.headers }
    }
    if (at('POST', '/admin/users')) return { body: await createUserAsAdmin(ctx, req) }
    const id = /^\/admin\/users\/([^/]+)$/.exec(url.pathname)?.[1]
    if (id && method === 'GET') return { body: await getUserById(ctx, id) }
    if (id && method === 'PUT') return { body: await updateUserAsAdmin(ctx, req, id) }
    if (id && method === 'DELETE') return { body: await deleteUserAsAdmin(ctx, req, id) }
  }
  throw new AuthError(404, 'not_found', `no route for ${method} ${url.pathname}`)
}

/** The GoTrue-compatible subset behind /auth/v1 that supabase-js uses for email/password accounts. */
export async function createAuthService(ctx: StackContext): Promise<Service> {
  const limits = new AuthLimits()
  return {
    async handle(req: IncomingMessage, res: ServerResponse, path: string) {
      try {
        const answer = await route(ctx, limits, req, path)
        const headers = { ...authHeaders(req), ...answer.headers }
        if (answer.status === 204) {
          res.writeHead(204, headers)
          res.end()
          return
        }
        sendJson(res, answer.status ?? 200, answer.body, headers)
      } catch (error) {
        sendAuthError(req, res, error, ctx.log)
      }
    },
    stop: async () => {},
  }
}
