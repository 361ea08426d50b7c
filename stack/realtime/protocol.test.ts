import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { startTestStack, type TestStack } from '../../test/helpers/stack.ts'
import { Inbox } from './test-support.ts'

let stack: TestStack

beforeAll(async () => {
  stack = await startTestStack()
}, 120_000)

afterAll(async () => {
  await stack?.stop()
})

/** A raw Phoenix socket: what a client other than realtime-js would see on the wire. */
async function rawSocket(vsn: string | undefined): Promise<{ ws: WebSocket; inbox: Inbox<any> }> {
  const query = new URLSearchParams({ apikey: stack.anonKey, ...(vsn ? { vsn } : {}) })
  const ws = new WebSocket(`${stack.apiUrl.replace('http', 'ws')}/realtime/v1/websocket?${query}`)
  const inbox = new Inbox<any>()
  ws.on('message', (data, isBinary) => inbox.push(isBinary ? data : JSON.parse(data.toString())))
  await new Promise((resolve, reject) => { ws.once('open', resolve); ws.once('error', reject) })
  return { ws, inbox }
}

describe('realtime websocket protocol', () => {
  it('answers a vsn 2.0.0 heartbeat with an ok reply as an array frame', async () => {
    const { ws, inbox } = await rawSocket('2.0.0')
    ws.send(JSON.stringify([null, '1', 'phoenix', 'heartbeat', {}]))
    const [reply] = await inbox.until((items) => items.length >= 1)
    expect(reply).toEqual([null, '1', 'phoenix', 'phx_reply', { status: 'ok', response: {} }])
    ws.close()
  })

  it('speaks vsn 1.0.0 objects, the default when no vsn is given', async () => {
    const { ws, inbox } = await rawSocket(undefined)
    ws.send(JSON.stringify({ topic: 'phoenix', event: 'heartbeat', payload: {}, ref: '7' }))
    const [reply] = await inbox.until((items) => items.length >= 1)
    expect(reply).toEqual({ join_ref: null, ref: '7', topic: 'phoenix', event: 'phx_reply', payload: { status: 'ok', response: {} } })
    ws.close()
  })

  it('answers a push to a topic that was never joined with an error reply', async () => {
    const { ws, inbox } = await rawSocket('2.0.0')
    ws.send(JSON.stringify(['1', '2', 'realtime:nowhere', 'broadcast', { type: 'broadcast', event: 'x', payload: {} }]))
    const [reply] = await inbox.until((items) => items.length >= 1)
    expect(reply).toEqual(['1', '2', 'realtime:nowhere', 'phx_reply', { status: 'error', response: { reason: 'unmatched topic' } }])
    ws.close()
  })

  it('answers malformed frames with an error reply and keeps the socket open', async () => {
    const { ws, inbox } = await rawSocket('2.0.0')
    ws.send('not json')
    ws.send(JSON.stringify({ topic: 'phoenix', event: 'heartbeat' }))
    ws.send(JSON.stringify([null, '3', 'phoenix', 'heartbeat', {}]))
    const replies = await inbox.until((items) => items.length >= 3)
    expect(replies[0][4]).toMatchObject({ status: 'error', response: { reason: expect.stringMatching(/malformed/) } })
    expect(replies[1][4]).toMatchObject({ status: 'error' })
    expect(replies[2]).toEqual([null, '3', 'phoenix', 'phx_reply', { status: 'ok', response: {} }])
    ws.close()
  })

  it('joins, replies with binding ids in order, and leaves', async () => {
    const { ws, inbox } = await rawSocket('2.0.0')
    const postgres_changes = [
      { event: 'INSERT', schema: 'public', table: 'notes' },
      { event: '*', schema: 'public', table: 'notes', filter: 'id=gt.5' },
    ]
    ws.send(JSON.stringify(['1', '1', 'realtime:room', 'phx_join', { config: { postgres_changes }, access_token: stack.anonKey }]))
    const [join] = await inbox.until((items) => items.length >= 1)
    expect(join[3]).toBe('phx_reply')
    expect(join[4].status).toBe('ok')
    const ids = join[4].response.postgres_changes.map((b: any) => b.id)
    expect(join[4].response.postgres_changes).toEqual(postgres_changes.map((b, i) => ({ ...b, id: ids[i] })))
    expect(new Set(ids).size).toBe(2)
    ws.send(JSON.stringify(['1', '2', 'realtime:room', 'phx_leave', {}]))
    ws.send(JSON.stringify(['1', '3', 'realtime:room', 'broadcast', { type: 'broadcast', event: 'x', payload: {} }]))
    const items = await inbox.until((list) => list.some((m) => m[1] === '3'))
    expect(items.find((m) => m[1] === '2')[4]).toEqual({ status: 'ok', response: {} })
    expect(items.find((m) => m[1] === '3')[4]).toEqual({ status: 'error', response: { reason: 'unmatched topic' } })
    ws.close()
  })

  it('refuses a join whose filter it cannot parse', async () => {
    const { ws, inbox } = await rawSocket('2.0.0')
    const postgres_changes = [{ event: '*', schema: 'public', table: 'notes', filter: 'id=like.5' }]
    ws.send(JSON.stringify(['1', '1', 'realtime:bad', 'phx_join', { config: { postgres_changes } }]))
    const [reply] = await inbox.until((items) => items.length >= 1)
    expect(reply[4]).toMatchObject({ status: 'error', response: { reason: expect.stringMatching(/filter/) } })
    ws.close()
  })

  it('refuses sockets without an API key or with an unknown vsn', async () => {
    const status = (url: string) => new Promise<number>((resolve) => {
      const ws = new WebSocket(url)
      ws.on('unexpected-response', (_req, res) => { resolve(res.statusCode ?? 0); ws.terminate() })
      ws.on('open', () => { resolve(101); ws.close() })
      ws.on('error', () => {})
    })
    const base = `${stack.apiUrl.replace('http', 'ws')}/realtime/v1/websocket`
    expect(await status(`${base}?vsn=2.0.0`)).toBe(401)
    expect(await status(`${base}?apikey=${stack.anonKey}&vsn=3.0.0`)).toBe(400)
    expect(await status(`${base}?apikey=${stack.anonKey}&vsn=2.0.0`)).toBe(101)
  })
})
