import { sendJson } from '../http.ts'
import type { Service, StackContext } from '../service.ts'

/** Placeholder until the storage service lands. */
export async function createStorageService(_ctx: StackContext): Promise<Service> {
  return {
    handle: (_req, res) => sendJson(res, 501, { message: 'storage is not implemented yet' }),
    stop: async () => {},
  }
}
