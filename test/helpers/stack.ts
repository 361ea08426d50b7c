import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { createClient, type SupabaseClient } from '@supabase/supabase-js'
import ws from 'ws'
import { freePort } from '../../stack/net.ts'
import { removeCluster } from '../../stack/db/postgres.ts'
import { startStack, type RunningStack } from '../../stack/stack.ts'

export const FIXTURE_PROJECT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/project')

export interface TestStack extends RunningStack {
  /** A new supabase-js client for `key` with no session persistence. */
  client(key: string): SupabaseClient<any, 'public', any>
  /** A supabase-js client with the anon key (Node 20 has no WebSocket, so ws is the transport). */
  anon(): SupabaseClient<any, 'public', any>
  /** A supabase-js client with the service_role key. */
  service(): SupabaseClient<any, 'public', any>
}

/** A whole stack on a fresh temporary database and free ports; call `stop()` in afterAll. */
export async function startTestStack(workdir = FIXTURE_PROJECT): Promise<TestStack> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'opzenix-test-'))
  const lines: string[] = []
  let stack: RunningStack | undefined
  // A port found free can be taken (often as some connection's local port) before the stack listens on it:
  // then the whole start is tried again on new ports (startStack stops what it started when it fails).
  for (let attempt = 1; !stack; attempt++) {
    try {
      stack = await startStack({
        workdir, dataDir, apiPort: await freePort(), dbPort: await freePort(), fresh: true, ephemeral: true,
        databaseUrl: undefined,
        log: (line) => { lines.push(line); if (lines.length > 500) lines.shift() },
      })
    } catch (error) {
      if (attempt < 3 && /EADDRINUSE/.test(String((error as Error).message))) continue
      await rm(dataDir, { recursive: true, force: true })
      throw new Error(`${(error as Error).message}\n--- stack log ---\n${lines.slice(-40).join('\n')}`)
    }
  }
  const started = stack
  const client = (key: string) =>
    createClient(started.apiUrl, key, {
      auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
      realtime: { transport: ws as any },
    })
  return {
    ...started,
    client,
    anon: () => client(started.anonKey),
    service: () => client(started.serviceRoleKey),
    stop: async () => {
      await started.stop()
      await removeCluster(dataDir)
      await rm(dataDir, { recursive: true, force: true })
    },
  }
}
