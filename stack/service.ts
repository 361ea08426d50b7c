import type { IncomingMessage, ServerResponse } from 'node:http'
import type { Duplex } from 'node:stream'
import type pg from 'pg'
import type { StackConfig } from './config.ts'

/** What every service of the stack is given. */
export interface StackContext {
  config: StackConfig
  /** Superuser connection string (role postgres). */
  dbUrl: string
  /** Superuser pool shared by the Node services; switch role with `set local role` inside a transaction. */
  pool: pg.Pool
  /** Public base URL of the gateway, e.g. http://127.0.0.1:54321 */
  apiUrl: string
  log(line: string): void
}

/** A service mounted by the gateway under `/<prefix>/v1`. `path` is what follows the prefix, query included. */
export interface Service {
  handle(req: IncomingMessage, res: ServerResponse, path: string): void | Promise<void>
  upgrade?(req: IncomingMessage, socket: Duplex, head: Buffer, path: string): void
  /** Resolves true once the service can answer requests. */
  ready?(): Promise<boolean>
  stop(): Promise<void>
}
