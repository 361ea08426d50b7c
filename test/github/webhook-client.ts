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
