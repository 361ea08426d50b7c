import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { TestStack } from '../helpers/stack.ts'
import { DEMO, sql, startProjectStack } from '../data-model/demo.ts'
import { counts, expectError, invoke, rawPost, roleClients, type Clients } from './helpers.ts'

let stack: TestStack
let as: Clients
const execution = DEMO.runningExecution
let node: string
let other: string

async function writeLogs(nodeId: string, count: number, label: string) {
  await sql(stack, `insert into public.execution_logs (execution_id, node_id, level, message, metadata)
    select $1, $2, (array['debug','info','warn','error'])[1 + i % 4]::public.log_level, $3 || ' ' || i, jsonb_build_object('i', i)
    from generate_series(1, $4) i`, [execution, nodeId, label, count])
}

beforeAll(async () => {
  stack = await startProjectStack()
  as = await roleClients(stack)
  const nodes = await sql(stack, 'select node_id from public.execution_nodes where execution_id = $1 order by node_id limit 2', [execution])
  ;[node, other] = nodes.map((n) => n.node_id)
  // Two nodes' lines interleaved, so a page must filter by node and still come out in order.
  await sql(stack, 'delete from public.execution_logs where execution_id = $1', [execution])
  for (let round = 0; round < 3; round++) {
    await writeLogs(node, 100, `build round ${round}`)
    await writeLogs(other, 40, `other round ${round}`)
  }
}, 120_000)
afterAll(async () => { await stack?.stop() })

describe('fetch-node-logs', () => {
  it('pages through one node\'s whole history in id order, without gaps or repeats', async () => {
    const seen: number[] = []
    const pages: number[] = []
    let after: number | undefined
    for (;;) {
      const { status, body } = await invoke(as.viewer, 'fetch-node-logs', { execution_id: execution, node_id: node, after_id: after, limit: 70 })
      expect(status).toBe(200)
      pages.push(body.lines.length)
      seen.push(...body.lines.map((l: any) => l.id))
      for (const line of body.lines) expect(line.message).toMatch(/^build round \d \d+$/)
      after = body.next_after_id
      if (!body.has_more) break
    }
    expect(pages).toEqual([70, 70, 70, 70, 20])
    const expected = (await sql(stack, 'select id::int from public.execution_logs where execution_id = $1 and node_id = $2 order by id', [execution, node])).map((r) => r.id)
    expect(seen).toEqual(expected)
    expect(seen).toHaveLength(300)
  })

  it('returns the line fields, the default page of 200, and no more when the last page is exactly full', async () => {
    const first = await invoke(as.operator, 'fetch-node-logs', { execution_id: execution, node_id: node })
    expect(first.body.lines).toHaveLength(200)
    expect(first.body.has_more).toBe(true)
    expect(first.body.lines[0]).toEqual({ id: expect.any(Number), level: 'info', message: 'build round 0 1', metadata: { i: 1 }, created_at: expect.any(String) })
    const rest = await invoke(as.operator, 'fetch-node-logs', { execution_id: execution, node_id: node, after_id: first.body.next_after_id, limit: 100 })
    expect(rest.body.lines).toHaveLength(100)
    expect(rest.body.has_more).toBe(false)
    // Polling past the end keeps the cursor where it was.
    const empty = await invoke(as.operator, 'fetch-node-logs', { execution_id: execution, node_id: node, after_id: rest.body.next_after_id })
    expect(empty.body).toEqual({ lines: [], next_after_id: rest.body.next_after_id, has_more: false })
  })

  it('pages backward from the end to the first line, each page oldest first, without gaps or repeats', async () => {
    const expected = (await sql(stack, 'select id::int from public.execution_logs where execution_id = $1 and node_id = $2 order by id', [execution, node])).map((r) => r.id)
    const newest = await invoke(as.viewer, 'fetch-node-logs', { execution_id: execution, node_id: node, from_end: true, limit: 70 })
    expect(newest.status).toBe(200)
    expect(newest.body.lines.map((l: any) => l.id)).toEqual(expected.slice(-70))
    expect(newest.body.lines.at(-1).message).toBe('build round 2 100')
    expect(newest.body.next_after_id).toBe(expected.at(-1))
    const pages = [newest.body.lines.length]
    const seen = newest.body.lines.map((l: any) => l.id)
    let body = newest.body
    while (body.has_earlier) {
      const reply = await invoke(as.viewer, 'fetch-node-logs', { execution_id: execution, node_id: node, before_id: body.lines[0].id, limit: 70 })
      body = reply.body
      pages.push(body.lines.length)
      seen.unshift(...body.lines.map((l: any) => l.id))
    }
    expect(pages).toEqual([70, 70, 70, 70, 20])
    expect(seen).toEqual(expected)
    // Exactly one page left: it says nothing is earlier.
    const firstPage = await invoke(as.viewer, 'fetch-node-logs', { execution_id: execution, node_id: node, before_id: expected[70], limit: 70 })
    expect(firstPage.body.lines).toHaveLength(70)
    expect(firstPage.body.has_earlier).toBe(false)
  })

  it('serves the largest page (1000) whole', async () => {
    const { body } = await invoke(as.admin, 'fetch-node-logs', { execution_id: execution, node_id: other, limit: 1000 })
    expect(body.lines).toHaveLength(120)
    expect(body.has_more).toBe(false)
  })

  it('lets every member read and nobody else', async () => {
    for (const role of ['admin', 'operator', 'viewer'] as const) {
      expect((await invoke(as[role], 'fetch-node-logs', { execution_id: execution, node_id: node, limit: 1 })).status).toBe(200)
    }
    // Another organization's admin cannot tell the execution exists.
    expectError(await invoke(as.globex, 'fetch-node-logs', { execution_id: execution, node_id: node }), 404, 'not_found')
    expectError(await invoke(as.anon, 'fetch-node-logs', { execution_id: execution, node_id: node }), 401, 'unauthorized')
  })

  it('answers bad input with the error shape', async () => {
    const before = await counts(stack, ['execution_logs'])
    const bad = [
      {},
      { execution_id: execution },
      { execution_id: 'not-a-uuid', node_id: node },
      { execution_id: execution, node_id: node, limit: 0 },
      { execution_id: execution, node_id: node, limit: 1001 },
      { execution_id: execution, node_id: node, limit: 2.5 },
      { execution_id: execution, node_id: node, after_id: 'abc' },
      { execution_id: execution, node_id: 7 },
      { execution_id: execution, node_id: node, before_id: 0 },
      { execution_id: execution, node_id: node, after_id: 5, before_id: 9 },
      { execution_id: execution, node_id: node, after_id: 5, from_end: true },
    ]
    for (const body of bad) {
      const reply = await invoke(as.operator, 'fetch-node-logs', body)
      expectError(reply, 400, 'invalid_input')
    }
    expectError(await invoke(as.operator, 'fetch-node-logs', { execution_id: '00000000-0000-4000-a000-00000000dead', node_id: node }), 404, 'not_found')
    const unknownNode = await invoke(as.operator, 'fetch-node-logs', { execution_id: execution, node_id: 'no-such-node' })
    expectError(unknownNode, 404, 'not_found')
    expect(unknownNode.body.error.message).toContain('no-such-node')
    expectError(await rawPost(stack, as.operator, 'fetch-node-logs', 'execution_id=1', 'application/x-www-form-urlencoded'), 415, 'unsupported_media_type')
    expectError(await rawPost(stack, as.operator, 'fetch-node-logs', '{"execution_id":', 'application/json'), 400, 'invalid_input')
    const { data: session } = await as.operator.auth.getSession()
    const get = await fetch(`${stack.apiUrl}/functions/v1/fetch-node-logs`, { headers: { authorization: `Bearer ${session.session!.access_token}` } })
    expectError({ status: get.status, body: await get.json() }, 405, 'method_not_allowed')
    expect(await counts(stack, ['execution_logs'])).toEqual(before)
  })
})
