import { sendJson } from '../http.ts'
import type { Service, StackContext } from '../service.ts'

/** Placeholder until the realtime service lands. */
export async function createRealtimeService(_ctx: StackContext): Promise<Service> {
  return {
    handle: (_req, res) => sendJson(res, 501, { message: 'realtime is not implemented yet' }),
    stop: async () => {},
  }
}
