import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestStack, type TestStack } from '../../test/helpers/stack.ts'
import { clientWithToken, createRealtimeUser, Inbox, subscribed, type RealtimeUser } from './test-support.ts'

// Policies from the fixture migration 20260101000300_realtime_fixture.sql: each user receives and sends in
// `room:<their id>`; every signed-in user receives in `lobby` and nobody may send there.
let stack: TestStack
let alice: RealtimeUser
let aliceAgain: RealtimeUser
let bob: RealtimeUser

beforeAll(async () => {
  stack = await startTestStack()
  alice = await createRealtimeUser(stack)
  bob = await createRealtimeUser(stack)
  aliceAgain = { ...alice, client: clientWithToken(stack, alice.token) }
  await aliceAgain.client.realtime.setAuth(alice.token)
}, 120_000)

afterAll(async () => {
  for (const user of [alice, aliceAgain, bob]) await user?.client.realtime.disconnect()
  await stack?.stop()
})

function privateChannel(user: RealtimeUser, topic: string, config: Record<string, unknown> = {}) {
  const inbox = new Inbox<any>()
  const channel = user.client.channel(topic, { config: { private: true, ...config } }).on('broadcast', { event: '*' }, inbox.push)
  return { inbox, channel }
}

describe('private channels', () => {
  it('lets a user whose RLS policy allows it join, send and receive', async () => {
    const topic = `room:${alice.id}`
    const phone = privateChannel(alice, topic)
    const laptop = privateChannel(aliceAgain, topic, { broadcast: { ack: true } })
    await Promise.all([subscribed(phone.channel), subscribed(laptop.channel)])
    expect(await laptop.channel.send({ type: 'broadcast', event: 'note', payload: { text: 'hi' } })).toBe('ok')
    const [message] = await phone.inbox.until((items) => items.length >= 1)
    expect(message).toEqual({ type: 'broadcast', event: 'note', payload: { text: 'hi' } })
    await alice.client.removeChannel(phone.channel)
    await aliceAgain.client.removeChannel(laptop.channel)
  })

  it('refuses the join when no select policy allows it', async () => {
    const { channel } = privateChannel(bob, `room:${alice.id}`)
    await expect(subscribed(channel)).rejects.toThrow(/Unauthorized: You do not have permissions to read/)
    await bob.client.removeChannel(channel)
  })

  it('refuses sends without an insert policy but lets the member receive', async () => {
    const bobInLobby = privateChannel(bob, 'lobby', { broadcast: { ack: true } })
    const aliceInLobby = privateChannel(alice, 'lobby')
    await Promise.all([subscribed(bobInLobby.channel), subscribed(aliceInLobby.channel)])
    expect(await bobInLobby.channel.send({ type: 'broadcast', event: 'shout', payload: {} })).toBe('error')
    const response = await fetch(`${stack.apiUrl}/realtime/v1/api/broadcast`, {
      method: 'POST',
      headers: { apikey: stack.serviceRoleKey, 'content-type': 'application/json' },
      body: JSON.stringify({ messages: [{ topic: 'lobby', event: 'announce', payload: { by: 'service' }, private: true }] }),
    })
    expect(response.status).toBe(202)
    const [first] = await aliceInLobby.inbox.until((items) => items.length >= 1)
    expect(first).toMatchObject({ event: 'announce', payload: { by: 'service' } })
    const [seenByBob] = await bobInLobby.inbox.until((items) => items.length >= 1)
    expect(seenByBob.event).toBe('announce')
  })

  it('keeps public and private channels of one name apart', async () => {
    const topic = `room:${alice.id}`
    const priv = privateChannel(alice, topic)
    await subscribed(priv.channel)
    const publicSender = bob.client.channel(topic, { config: { broadcast: { ack: true } } })
    await subscribed(publicSender)
    await publicSender.send({ type: 'broadcast', event: 'spoof', payload: {} })
    await aliceAgain.client.channel(topic, { config: { private: true } }).httpSend('real', { ok: true })
    const [message] = await priv.inbox.until((items) => items.some((m) => m.event === 'real'))
    expect(message.event).toBe('real')
  })
})
