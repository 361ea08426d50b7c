import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestStack, type TestStack } from '../../test/helpers/stack.ts'
import { createRealtimeUser, Inbox, subscribed, withDb, type RealtimeUser } from './test-support.ts'

let stack: TestStack
let alice: RealtimeUser
let bob: RealtimeUser

beforeAll(async () => {
  stack = await startTestStack()
  alice = await createRealtimeUser(stack)
  bob = await createRealtimeUser(stack)
}, 120_000)

afterAll(async () => {
  for (const user of [alice, bob]) await user?.client.removeAllChannels()
  await stack?.stop()
})

async function insertNote(user: RealtimeUser, body: string, isPublic = false): Promise<number> {
  const { data, error } = await user.client.from('notes').insert({ body, is_public: isPublic }).select('id').single()
  if (error) throw new Error(error.message)
  return data.id
}

describe('postgres_changes', () => {
  it('delivers an insert with the row, its column types and commit time', async () => {
    const inbox = new Inbox<any>()
    const channel = alice.client.channel('insert-shape').on('postgres_changes', { event: 'INSERT', schema: 'public', table: 'notes' }, inbox.push)
    await subscribed(channel)
    const id = await insertNote(alice, 'hello')
    const [change] = await inbox.until((items) => items.length >= 1)
    expect(change).toMatchObject({
      schema: 'public', table: 'notes', eventType: 'INSERT', errors: null,
      new: { id, body: 'hello', is_public: false, owner_id: alice.id },
      old: {},
    })
    expect(Date.parse(change.commit_timestamp)).not.toBeNaN()
    await alice.client.removeChannel(channel)
  })
})
