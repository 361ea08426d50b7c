import type { IncomingMessage } from 'node:http'
import { readJson } from '../http.ts'
import { badRequest } from './errors.ts'
import { isObject } from './validation.ts'

/** The JSON body as an object, or GoTrue's bad_json error. */
export async function readParams(req: IncomingMessage): Promise<Record<string, unknown>> {
  let body: unknown
  try {
    body = await readJson(req)
  } catch (error) {
    throw badRequest('bad_json', `Could not parse request body as JSON: ${(error as Error).message}`)
  }
  if (!isObject(body)) throw badRequest('bad_json', 'Could not parse request body as JSON: expected an object')
  return body
}
