import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestStack, type TestStack } from '../../test/helpers/stack.ts'
import { clientWithToken, Inbox, subscribed } from './test-support.ts'

let stack: TestStack
const clients: Array<ReturnType<TestStack['anon']>> = []

beforeAll(async () => {
  stack = await startTestStack()
}, 120_000)

afterAll(async () => {
  for (const client of clients) await client.removeAllChannels()
  await stack?.stop()
})

function anonClient(vsn?: '1.0.0' | '2.0.0') {
  const client = clientWithToken(stack, stack.anonKey, vsn)
  clients.push(client)
  return client
}

function listen(client: ReturnType<typeof anonClient>, topic: string, config: Record<string, unknown> = {}) {
  const inbox = new Inbox<any>()
  const channel = client.channel(topic, { config }).on('broadcast', { event: '*' }, inbox.push)
  return { inbox, channel }
}

describe('broadcast', () => {
  it('reaches the other members of a topic but not the sender by default', async () => {
    const a = listen(anonClient(), 'room-default')
    const b = listen(anonClient(), 'room-default')
    const elsewhere = listen(anonClient(), 'room-other')
    await Promise.all([subscribed(a.channel), subscribed(b.channel), subscribed(elsewhere.channel)])
    expect(await a.channel.send({ type: 'broadcast', event: 'cursor', payload: { x: 1 } })).toBe('ok')
    await b.channel.send({ type: 'broadcast', event: 'cursor', payload: { x: 2 } })
    const [fromA] = await b.inbox.until((items) => items.length >= 1)
    expect(fromA).toEqual({ type: 'broadcast', event: 'cursor', payload: { x: 1 } })
    // Messages on one socket arrive in order: once B's reply is in, A's own message would have been before it.
    const seenByA = await a.inbox.until((items) => items.length >= 1)
    expect(seenByA.map((m) => m.payload)).toEqual([{ x: 2 }])
    expect(elsewhere.inbox.items).toEqual([])
  })

  it('echoes to the sender with self and acknowledges with ack', async () => {
    const a = listen(anonClient(), 'room-self', { broadcast: { self: true, ack: true } })
    await subscribed(a.channel)
    expect(await a.channel.send({ type: 'broadcast', event: 'ping', payload: { n: 1 } })).toBe('ok')
    const [own] = await a.inbox.until((items) => items.length >= 1)
    expect(own).toEqual({ type: 'broadcast', event: 'ping', payload: { n: 1 } })
  })

  it('delivers between vsn 1.0.0 and vsn 2.0.0 clients', async () => {
    const v1 = listen(anonClient('1.0.0'), 'room-mixed')
    const v2 = listen(anonClient('2.0.0'), 'room-mixed')
    await Promise.all([subscribed(v1.channel), subscribed(v2.channel)])
    await v1.channel.send({ type: 'broadcast', event: 'hello', payload: { from: 'v1' } })
    await v2.channel.send({ type: 'broadcast', event: 'hello', payload: { from: 'v2' } })
    expect((await v2.inbox.until((items) => items.length >= 1))[0].payload).toEqual({ from: 'v1' })
    expect((await v1.inbox.until((items) => items.length >= 1))[0].payload).toEqual({ from: 'v2' })
  })

  it('delivers a message posted to the REST endpoint, and from httpSend', async () => {
    const a = listen(anonClient(), 'room-rest')
    await subscribed(a.channel)
    const response = await fetch(`${stack.apiUrl}/realtime/v1/api/broadcast`, {
      method: 'POST',
      headers: { apikey: stack.serviceRoleKey, 'content-type': 'application/json' },
      body: JSON.stringify({ messages: [{ topic: 'room-rest', event: 'deploy', payload: { env: 'prod' } }] }),
    })
    expect(response.status).toBe(202)
    const sender = anonClient().channel('room-rest')
    expect(await sender.httpSend('deploy', { env: 'staging' })).toEqual({ success: true })
    const items = await a.inbox.until((list) => list.length >= 2)
    expect(items.map((m) => [m.event, m.payload])).toEqual([['deploy', { env: 'prod' }], ['deploy', { env: 'staging' }]])
  })

  it('answers a malformed REST broadcast with 400 and a missing key with 401', async () => {
    const bad = await fetch(`${stack.apiUrl}/realtime/v1/api/broadcast`, {
      method: 'POST', headers: { apikey: stack.anonKey, 'content-type': 'application/json' }, body: JSON.stringify({ messages: 'nope' }),
    })
    expect(bad.status).toBe(400)
    expect(await bad.json()).toEqual({ message: 'messages must be a list' })
    const keyless = await fetch(`${stack.apiUrl}/realtime/v1/api/broadcast`, { method: 'POST', body: '{}' })
    expect(keyless.status).toBe(401)
  })
})
