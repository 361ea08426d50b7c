import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { signIn, startProjectStack, type Client } from '../data-model/demo.ts'
import type { TestStack } from '../helpers/stack.ts'
import { finished, nodeEvents, readRun, simulated, startRun, storedPipeline, waitFor, type NodeSpec } from './helpers.ts'

// Issue 20: a run of many short steps moves as fast as its steps allow. The scheduler ticks at npm start's pace
// (1 s); a step that ends between ticks is advanced when it is due (engine-tick's follow-ups), so 200 steps of
// 10 ms finish well before the 200-odd seconds one step per tick would take. Only "it finishes" is asserted (and
// that every node still moved exactly once); bench/run-page.ts prints the steps per second.
const STEPS = 200

let stack: TestStack
let operator: Client

beforeAll(async () => {
  process.env.OPZENIX_TICK_MS = '1000'
  stack = await startProjectStack()
  operator = await signIn(stack, 'operator@opzenix.dev')
}, 120_000)

afterAll(async () => { await stack?.stop() })

describe('a run of 200 steps of 10 ms', () => {
  it('finishes, every step having run exactly once', async () => {
    const steps: NodeSpec[] = Array.from({ length: STEPS }, (_, i) => [`s${i + 1}`, i % 2 ? 'test' : 'build', simulated(10)])
    const graph = storedPipeline([['src', 'source', { repository: 'acme/payments-api' }], ...steps, ['ship', 'deploy', { environment: 'dev' }]])
    const runId = await startRun(stack, operator, graph)

    const run = await waitFor(() => readRun(stack, runId), finished, 120_000)
    expect(run.status).toBe('success')
    const events = await nodeEvents(stack, runId)
    for (const [id] of steps) expect(events.filter((e) => e.startsWith(`${id}:`))).toEqual([`${id}:pending→running`, `${id}:running→success`])
  }, 150_000)
})
