// A project stack for GitHub-workflow steps: GitHub is a recording server that accepts workflow dispatches, the
// scheduler is off (each test decides when the engine ticks), Acme's GitHub token is set and the payments-api
// integration's webhook secret issued.
import { expect } from 'vitest'
import { DEMO, signIn, type Client } from '../data-model/demo.ts'
import { startRecordingServer, type RecordingServer } from '../helpers/recording-server.ts'
import { GOOD_TOKEN, githubRoutes } from './fake-github.ts'
import { startProjectWithEnv, type ProjectStack } from './project.ts'

export const INTEGRATION = '60000000-0000-4000-a000-000000000001' // acme/payments-api, workflow file .github/workflows/build.yml
export const DISPATCH = /^\/repos\/acme\/payments-api\/actions\/workflows\/[^/]+\/dispatches$/

export interface DispatchProject {
  github: RecordingServer
  stack: ProjectStack
  admin: Client
  operator: Client
  /** The integration's github-webhook URL and its secret. */
  hook: string
  secret: string
  /** One engine tick, as the scheduler does it. */
  tick(): Promise<unknown>
  /** Polls `read`, ticking the engine between reads, until it gives something truthy. */
  until<T>(what: string, read: () => Promise<T | undefined | null | false>): Promise<T>
  stop(): Promise<void>
}

export async function startDispatchProject(): Promise<DispatchProject> {
  const github = await startRecordingServer([...githubRoutes, { method: 'POST', path: DISPATCH, reply: { status: 204 } }])
  const tickMs = process.env.OPZENIX_TICK_MS
  process.env.OPZENIX_TICK_MS = '0'
  const stack = await startProjectWithEnv({ GITHUB_API_URL: github.url, CONNECTION_TIMEOUT_MS: '3000' })
    .finally(() => { if (tickMs === undefined) delete process.env.OPZENIX_TICK_MS; else process.env.OPZENIX_TICK_MS = tickMs })
  const admin = await signIn(stack, 'admin@opzenix.dev')
  const operator = await signIn(stack, 'operator@opzenix.dev')
  const token = await admin.functions.invoke('github-api/token', { body: { organization_id: DEMO.acme, token: GOOD_TOKEN } })
  expect(token.error).toBeNull()
  const hookSecret = await admin.functions.invoke(`github-api/integrations/${INTEGRATION}/webhook-secret`, { method: 'POST' })
  const tick = async () => {
    const { data, error } = await stack.service().functions.invoke('engine-tick', { body: {} })
    expect(error).toBeNull()
    return data
  }
  const until = async <T>(what: string, read: () => Promise<T | undefined | null | false>): Promise<T> => {
    for (let i = 0; i < 200; i++) {
      const value = await read()
      if (value) return value
      await tick()
      await new Promise((r) => setTimeout(r, 50))
    }
    throw new Error(`timed out waiting for ${what}`)
  }
  return {
    github, stack, admin, operator, hook: `${stack.functionsUrl}/github-webhook/${INTEGRATION}`, secret: hookSecret.data.secret, tick, until,
    stop: async () => { await stack.stop(); await github.stop() },
  }
}
