// Sends GitHub-shaped deliveries to a stack's github-webhook function, signed as GitHub signs them.
import { randomUUID } from 'node:crypto'
import { sign } from '@octokit/webhooks-methods'
import examples from '@octokit/webhooks-examples' with { type: 'json' }

type Example = { name: string; examples: Record<string, any>[] }

/** A real payload GitHub sent for `event` (the first example matching `pick`), deep-copied. */
export function example(event: string, pick: (p: Record<string, any>) => boolean = () => true): Record<string, any> {
  const found = (examples as unknown as Example[]).find((e) => e.name === event)?.examples.find(pick)
  if (!found) throw new Error(`no ${event} example`)
  return structuredClone(found)
}

/**
 * A real workflow_run payload made to describe the run a dispatch started: acme/payments-api's build.yml on main,
 * started by workflow_dispatch; `over` sets any workflow_run field (name carries the execution id as run-name).
 */
export function workflowRun(action: 'in_progress' | 'completed', over: Record<string, unknown>): Record<string, any> {
  const payload = example('workflow_run', (p) => p.action === 'completed')
  const id = Number(over.id ?? 1)
  payload.action = action
  payload.repository = { ...payload.repository, full_name: 'acme/payments-api', name: 'payments-api' }
  payload.workflow_run = {
    ...payload.workflow_run, name: 'Build', display_title: 'Build', path: '.github/workflows/build.yml', workflow_id: 7,
    head_branch: 'main', event: 'workflow_dispatch', created_at: new Date().toISOString(), run_number: id % 1000,
    status: action === 'completed' ? 'completed' : 'in_progress', conclusion: action === 'completed' ? 'success' : null,
    html_url: `https://github.com/acme/payments-api/actions/runs/${id}`, ...over,
  }
  return payload
}

export interface DeliveryOptions {
  secret?: string
  deliveryId?: string
  contentType?: string
  signature?: string | null
  body?: string
}

export async function deliver(url: string, event: string, payload: unknown, o: DeliveryOptions = {}) {
  const body = o.body ?? JSON.stringify(payload)
  const headers: Record<string, string> = {
    'content-type': o.contentType ?? 'application/json',
    'x-github-event': event,
    'x-github-delivery': o.deliveryId ?? randomUUID(),
    'user-agent': 'GitHub-Hookshot/opzenix-test',
  }
  const signature = o.signature === undefined ? await sign(o.secret ?? '', body) : o.signature
  if (signature !== null) headers['x-hub-signature-256'] = signature
  const res = await fetch(url, { method: 'POST', headers, body })
  return { status: res.status, body: await res.json().catch(() => null), deliveryId: headers['x-github-delivery'] }
}
