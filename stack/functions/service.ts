import { sendJson } from '../http.ts'
import type { Service, StackContext } from '../service.ts'

/** Placeholder until the functions service lands. */
export async function createFunctionsService(_ctx: StackContext): Promise<Service> {
  return {
    handle: (_req, res) => sendJson(res, 501, { message: 'functions is not implemented yet' }),
    stop: async () => {},
  }
}
