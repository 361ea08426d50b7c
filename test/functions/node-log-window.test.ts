import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { TestStack } from '../helpers/stack.ts'
import { DEMO, sql, startProjectStack } from '../data-model/demo.ts'
import { roleClients, type Clients } from './helpers.ts'

// The log panel's window onto a long log (issue 13): count, a page by position or after a line, find next /
// previous with the match's position, and the whole log downloaded as text; members only, levels filtered.
let stack: TestStack
let as: Clients
const execution = DEMO.runningExecution
let node: string
let other: string
const LINES = 3000
const LEVELS = ['debug', 'info', 'warn', 'error'] as const

/** The node's lines as the database holds them, in id order. */
const stored = async (levels: readonly string[] = LEVELS) => (await sql(stack,
  'select id::int, level::text, message from public.execution_logs where execution_id = $1 and node_id = $2 and level::text = any($3) order by id',
  [execution, node, levels])) as Array<{ id: number; level: string; message: string }>

beforeAll(async () => {
  stack = await startProjectStack()
  as = await roleClients(stack)
  const nodes = await sql(stack, 'select node_id from public.execution_nodes where execution_id = $1 order by node_id limit 2', [execution])
  ;[node, other] = nodes.map((n) => n.node_id)
  await sql(stack, 'delete from public.execution_logs where execution_id = $1', [execution])
  // Line i is level i % 4; every 250th says "needle"; another node's lines interleave.
  await sql(stack, `insert into public.execution_logs (execution_id, node_id, level, message)
    select $1, case when i % 3 = 0 then $3 else $2 end, (array['debug','info','warn','error'])[1 + i % 4]::public.log_level,
      case when i % 250 = 0 then 'step ' || i || ' found the NEEDLE' else 'step ' || i end
    from generate_series(1, $4) i`, [execution, node, other, LINES * 3 / 2])
}, 120_000)
afterAll(async () => { await stack?.stop() })

describe('node_log_count, node_log_page and node_log_find', () => {
  it('count the node\'s lines, all or of some levels', async () => {
    const all = await stored()
    expect(all).toHaveLength(LINES)
    expect((await as.viewer.rpc('node_log_count', { _execution_id: execution, _node_id: node })).data).toBe(LINES)
    const errors = await stored(['error'])
    expect((await as.viewer.rpc('node_log_count', { _execution_id: execution, _node_id: node, _levels: ['error'] })).data).toBe(errors.length)
  })

  it('serve a page by position and the same page after the line before it, in id order', async () => {
    const all = await stored()
    const byOffset = await as.viewer.rpc('node_log_page', { _execution_id: execution, _node_id: node, _offset: 1500, _limit: 500 })
    expect(byOffset.error).toBeNull()
    expect(byOffset.data!.map((l: { id: number }) => l.id)).toEqual(all.slice(1500, 2000).map((l) => l.id))
    const byKey = await as.viewer.rpc('node_log_page', { _execution_id: execution, _node_id: node, _after_id: all[1499]!.id, _limit: 500 })
    expect(byKey.data).toEqual(byOffset.data)
    const warn = await stored(['warn', 'error'])
    const filtered = await as.viewer.rpc('node_log_page', { _execution_id: execution, _node_id: node, _offset: 10, _limit: 5, _levels: ['warn', 'error'] })
    expect(filtered.data!.map((l: { message: string }) => l.message)).toEqual(warn.slice(10, 15).map((l) => l.message))
    const capped = await as.viewer.rpc('node_log_page', { _execution_id: execution, _node_id: node, _limit: 5000 })
    expect(capped.data).toHaveLength(1000)
  })

  it('find the next and previous match with its position, rank and the number of matches, case-insensitively', async () => {
    const all = await stored()
    const matches = all.filter((l) => l.message.includes('NEEDLE'))
    expect(matches.length).toBeGreaterThan(2)
    const first = await as.viewer.rpc('node_log_find', { _execution_id: execution, _node_id: node, _query: 'needle' })
    expect(first.data).toEqual([{ id: matches[0]!.id, line_position: all.indexOf(matches[0]!), match_rank: 0, matches: matches.length }])
    const second = await as.viewer.rpc('node_log_find', { _execution_id: execution, _node_id: node, _query: 'Needle', _from_id: matches[0]!.id })
    expect(second.data![0]).toMatchObject({ id: matches[1]!.id, match_rank: 1 })
    const back = await as.viewer.rpc('node_log_find', { _execution_id: execution, _node_id: node, _query: 'needle', _from_id: matches[1]!.id, _forward: false })
    expect(back.data![0]!.id).toBe(matches[0]!.id)
    const past = await as.viewer.rpc('node_log_find', { _execution_id: execution, _node_id: node, _query: 'needle', _from_id: matches.at(-1)!.id })
    expect(past.data).toEqual([])
    // Within some levels, the position counts only those levels' lines.
    const warnings = await stored(['warn'])
    const inWarnings = warnings.filter((l) => l.message.includes('NEEDLE'))
    expect(inWarnings.length).toBeLessThan(matches.length)
    const found = await as.viewer.rpc('node_log_find', { _execution_id: execution, _node_id: node, _query: 'needle', _levels: ['warn'] })
    expect(found.data![0]).toMatchObject({ id: inWarnings[0]!.id, line_position: warnings.indexOf(inWarnings[0]!), matches: inWarnings.length })
  })

  it('refuse other organizations, unknown nodes and bad arguments, reading nothing', async () => {
    const outsider = await as.globex.rpc('node_log_page', { _execution_id: execution, _node_id: node })
    expect(outsider.error?.message).toBe('No such run, or you are not a member of its project')
    expect(outsider.data).toBeNull()
    expect((await as.globex.rpc('node_log_count', { _execution_id: execution, _node_id: node })).error?.code).toBe('PT404')
    expect((await as.globex.rpc('node_log_find', { _execution_id: execution, _node_id: node, _query: 'needle' })).error?.code).toBe('PT404')
    expect((await as.anon.rpc('node_log_count', { _execution_id: execution, _node_id: node })).error?.code).toBe('42501')
    expect((await as.viewer.rpc('node_log_count', { _execution_id: execution, _node_id: 'no-such-node' })).error?.message).toBe('The run has no node "no-such-node"')
    expect((await as.viewer.rpc('node_log_page', { _execution_id: execution, _node_id: node, _offset: -1 })).error?.code).toBe('PT400')
    expect((await as.viewer.rpc('node_log_find', { _execution_id: execution, _node_id: node, _query: '' })).error?.message).toBe('Search for 1 to 200 characters')
  })
})

describe('fetch-node-logs with download', () => {
  const download = async (body: Record<string, unknown>) => {
    const { data } = await as.viewer.auth.getSession()
    return fetch(`${stack.apiUrl}/functions/v1/fetch-node-logs`, {
      method: 'POST', body: JSON.stringify({ execution_id: execution, node_id: node, download: true, ...body }),
      headers: { authorization: `Bearer ${data.session!.access_token}`, apikey: stack.anonKey, 'content-type': 'application/json' },
    })
  }

  it('streams the whole log as text, one line per log line, named after the node', async () => {
    const res = await download({})
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('text/plain; charset=utf-8')
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="${node}-${execution.slice(0, 8)}.log"`)
    const lines = (await res.text()).trimEnd().split('\n')
    const all = await stored()
    expect(lines).toHaveLength(LINES)
    expect(lines.map((l) => l.replace(/^\S+ \S+\s+/, ''))).toEqual(all.map((l) => l.message))
    expect(lines[0]).toMatch(/^\d{4}-\d\d-\d\dT\S+ INFO {2}step 1$/)
  })

  it('keeps to the levels asked for, and refuses a level that does not exist', async () => {
    const text = await (await download({ levels: ['error'] })).text()
    expect(text.trimEnd().split('\n')).toHaveLength((await stored(['error'])).length)
    expect(text).not.toContain(' INFO ')
    const bad = await download({ levels: ['fatal'] })
    expect(bad.status).toBe(400)
    expect((await bad.json()).error.code).toBe('invalid_input')
  })
})
