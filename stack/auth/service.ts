import { sendJson } from '../http.ts'
import type { Service, StackContext } from '../service.ts'

/** Placeholder until the auth service lands. */
export async function createAuthService(_ctx: StackContext): Promise<Service> {
  return {
    handle: (_req, res) => sendJson(res, 501, { message: 'auth is not implemented yet' }),
    stop: async () => {},
  }
}
