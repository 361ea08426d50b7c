import type { IncomingMessage } from 'node:http'
import { PayloadTooLarge, readJson } from '../http.ts'
import { bodyLimits } from '../limits.ts'
import { AuthError, badRequest } from './errors.ts'
import { isObject } from './validation.ts'

/** The JSON body as an object, or GoTrue's bad_json error. */
export async function readParams(req: IncomingMessage): Promise<Record<string, unknown>> {
  let body: unknown
  try {
    body = await readJson(req, bodyLimits().auth)
  } catch (error) {
    // A streamed (chunked) body is counted here; a declared one was already refused by the gateway.
    if (error instanceof PayloadTooLarge) throw new AuthError(413, 'request_too_large', `The request body is larger than ${error.limit} bytes`)
    throw badRequest('bad_json', `Could not parse request body as JSON: ${(error as Error).message}`)
  }
  if (!isObject(body)) throw badRequest('bad_json', 'Could not parse request body as JSON: expected an object')
  return body
}
