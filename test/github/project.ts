// The real project (supabase/) copied to a temporary folder with a functions/.env of our own, so that the
// functions reach the recording server instead of GitHub and Azure, then started as a test stack.
import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import type { Client } from '../data-model/demo.ts'
import { startTestStack, type TestStack } from '../helpers/stack.ts'

export interface ProjectStack extends TestStack {
  functionsUrl: string
}

export async function startProjectWithEnv(env: Record<string, string>): Promise<ProjectStack> {
  const workdir = await mkdtemp(path.join(os.tmpdir(), 'opzenix-github-project-'))
  await cp(path.resolve('supabase'), workdir, { recursive: true, filter: (src) => !src.includes(`${path.sep}.temp`) })
  await writeFile(path.join(workdir, 'functions', '.env'), Object.entries(env).map(([k, v]) => `${k}=${v}`).join('\n') + '\n')
  const stack = await startTestStack(workdir).catch(async (error) => {
    await rm(workdir, { recursive: true, force: true })
    throw error
  })
  return {
    ...stack,
    functionsUrl: `${stack.apiUrl}/functions/v1`,
    stop: async () => {
      await stack.stop()
      await rm(workdir, { recursive: true, force: true })
    },
  }
}

/** Calls a function path (e.g. `github-api/projects`) as `client`: its status, data, and the error body when it failed. */
export async function call(client: Client, path: string, method: 'GET' | 'POST' = 'GET', body?: unknown) {
  const { data, error, response } = await client.functions.invoke(path, { method, body: body as any })
  return { status: response?.status ?? 0, data, error: error ? await error.context?.json?.().catch(() => null) : null }
}
