import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestStack, type TestStack } from '../../test/helpers/stack.ts'
import { clientWithToken, Inbox, subscribed } from './test-support.ts'

let stack: TestStack

beforeAll(async () => {
  stack = await startTestStack()
}, 120_000)

afterAll(async () => {
  await stack?.stop()
})

function member(key: string, vsn?: '1.0.0' | '2.0.0') {
  const client = clientWithToken(stack, stack.anonKey, vsn)
  const events = new Inbox<any>()
  const channel = client.channel('presence-room', { config: { presence: { key } } })
    .on('presence', { event: 'sync' }, () => events.push({ event: 'sync', state: channel.presenceState() }))
    .on('presence', { event: 'join' }, (e) => events.push(e))
    .on('presence', { event: 'leave' }, (e) => events.push(e))
  return { client, channel, events }
}

const keys = (state: Record<string, unknown>) => Object.keys(state).sort()

describe('presence', () => {
  it('syncs state to joiners and sends joins and leaves to everyone, keyed by the presence key', async () => {
    const ann = member('ann')
    await subscribed(ann.channel)
    expect(await ann.channel.track({ status: 'online' })).toBe('ok')
    await ann.events.until((items) => items.some((e) => e.event === 'join' && e.key === 'ann'))

    const ben = member('ben', '1.0.0')
    await subscribed(ben.channel)
    // Ben's first sync carries who was already there.
    const firstSync = (await ben.events.until((items) => items.some((e) => e.event === 'sync'))).find((e) => e.event === 'sync')
    expect(firstSync.state).toEqual({ ann: [expect.objectContaining({ status: 'online', presence_ref: expect.any(String) })] })

    await ben.channel.track({ status: 'away' })
    await ann.events.until((items) => items.some((e) => e.event === 'join' && e.key === 'ben'))
    expect(keys(ann.channel.presenceState())).toEqual(['ann', 'ben'])
    expect(ann.channel.presenceState().ben[0]).toMatchObject({ status: 'away' })

    await ben.channel.untrack()
    const leave = (await ann.events.until((items) => items.some((e) => e.event === 'leave' && e.key === 'ben'))).find((e) => e.event === 'leave')
    expect(leave.leftPresences[0]).toMatchObject({ status: 'away' })
    expect(keys(ann.channel.presenceState())).toEqual(['ann'])

    await ben.channel.track({ status: 'back' })
    await ann.events.until((items) => items.filter((e) => e.event === 'join' && e.key === 'ben').length >= 2)
    await ben.client.removeAllChannels()
    await ann.events.until((items) => items.filter((e) => e.event === 'leave' && e.key === 'ben').length >= 2)
    expect(keys(ann.channel.presenceState())).toEqual(['ann'])
    await ann.client.removeAllChannels()
  })

  it('replaces a member’s metadata when it tracks again', async () => {
    const cat = member('cat')
    await subscribed(cat.channel)
    await cat.channel.track({ typing: false })
    await cat.channel.track({ typing: true })
    await cat.events.until(() => (cat.channel.presenceState().cat?.[0] as any)?.typing === true)
    expect(cat.channel.presenceState().cat).toHaveLength(1)
    await cat.client.removeAllChannels()
  })
})
