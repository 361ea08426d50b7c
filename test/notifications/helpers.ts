// Shared by the notification tests: a stack whose functions reach a recording server playing the mail API,
// Slack and a webhook receiver; approval requests opened the way the engine opens them; notify-event calls.
import { DEMO, sql } from '../data-model/demo.ts'
import { startProjectWithEnv, type ProjectStack } from '../github/project.ts'
import { startRecordingServer, type RecordingServer } from '../helpers/recording-server.ts'

export const LINK_SECRET = 'test-link-secret-for-notifications'
export const HOOK_SECRET = 'whsec-test-notifications'
export const MAIL_KEY = 're_test_key'

export interface NotifyWorld {
  stack: ProjectStack
  server: RecordingServer
}

export async function startNotifyWorld(env: Record<string, string> = {}): Promise<NotifyWorld> {
  // Tests drive delivery and ticks themselves, so what they see is what their calls did.
  process.env.OPZENIX_NOTIFY_MS = '0'
  process.env.OPZENIX_TICK_MS = '0'
  const server = await startRecordingServer([
    { method: 'POST', path: '/emails', reply: { status: 200, json: { id: 'email-1' } } },
    { method: 'POST', path: /^\/slack/, reply: { status: 200, body: 'ok' } },
    { method: 'POST', path: /^\/hook/, reply: { status: 204 } },
  ])
  const stack = await startProjectWithEnv({
    MAIL_API_URL: server.url, MAIL_API_KEY: MAIL_KEY, MAIL_FROM: 'Opzenix <ops@example.test>',
    OPZENIX_LINK_SECRET: LINK_SECRET, HOOK_SECRET, NOTIFY_RETRY_BASE_MS: '300', NOTIFY_MAX_ATTEMPTS: '3',
    OPZENIX_APP_URL: 'http://app.example.test', ...env,
  })
  return { stack, server }
}

let runs = 0
/** A running run started by `startedBy` and an approval request on `env`, inserted as the engine does. */
export async function openRequest(stack: ProjectStack, env: keyof typeof DEMO.env, startedBy: string = DEMO.users.operator,
  extra: { expires_at?: string } = {}): Promise<{ requestId: string; executionId: string }> {
  const [run] = await sql(stack, `insert into public.executions (project_id, name, status, started_by, version)
    values ($1, $2, 'running', $3, '2.0.0') returning id`, [DEMO.project, `notify test ${++runs}`, startedBy])
  const [request] = await sql(stack, `insert into public.approval_requests (execution_id, project_id, node_id, environment_id, title, required_approvals, expires_at)
    values ($1, $2, 'gate', $3, $4, 1, $5) returning id`, [run.id, DEMO.project, DEMO.env[env], `Release 2.0.0 to ${env}`, extra.expires_at ?? null])
  return { requestId: request.id, executionId: run.id }
}

export const inApp = (stack: ProjectStack, eventKey: string) =>
  sql<{ user_id: string }>(stack, `select user_id from public.notification_events where payload ->> 'event_key' = $1 order by user_id`, [eventKey])
    .then((rows) => rows.map((r) => r.user_id))

export const deliveries = (stack: ProjectStack, eventKey: string) =>
  sql(stack, `select d.*, c.kind from public.notification_deliveries d join public.notification_channels c on c.id = d.channel_id
    where d.event_key = $1 order by c.kind, d.user_id`, [eventKey])

export async function notifyEvent(stack: ProjectStack, key: string | null = stack.serviceRoleKey, body: unknown = {}): Promise<{ status: number; body: any }> {
  const res = await fetch(`${stack.functionsUrl}/notify-event`, {
    method: 'POST', body: JSON.stringify(body),
    headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}`, apikey: key } : {}) },
  })
  return { status: res.status, body: await res.json().catch(() => null) }
}

export async function addChannel(stack: ProjectStack, channel: Record<string, unknown>): Promise<string> {
  const { data, error } = await stack.service().from('notification_channels')
    .insert({ organization_id: DEMO.acme, name: `${channel.kind} channel`, ...channel }).select('id').single()
  if (error) throw new Error(error.message)
  return data.id
}

export const disableChannels = (stack: ProjectStack) => sql(stack, 'update public.notification_channels set enabled = false')

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
