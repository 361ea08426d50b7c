// The soak's short form (bench/soak.ts for 45 s instead of 10 minutes), as CI runs it: REST reads, 100 Realtime
// subscribers, webhook deliveries and OTLP batches at once on a real CLI stack. Nothing may be lost and no queue
// may be left behind once the load stops: every read answered, every acknowledged delivery stored once and
// finished, every acknowledged span stored and delivered to each of the 100 subscribers once. No timing is
// asserted (the figures are in the file it writes; the 10-minute run's are in bench/results/soak.json).
import { spawn } from 'node:child_process'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'

const TSX = path.resolve('node_modules/tsx/dist/cli.mjs')
let dir: string | undefined
afterAll(async () => { if (dir) await rm(dir, { recursive: true, force: true }) })

function run(args: string[]): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [TSX, 'bench/soak.ts', ...args], { stdio: ['ignore', 'pipe', 'pipe'] })
    let output = ''
    child.stdout.on('data', (d) => { output += d })
    child.stderr.on('data', (d) => { output += d })
    child.on('close', (code) => resolve({ code, output }))
  })
}

describe('soak (short form)', () => {
  it('loses nothing and leaves no queue behind under 45 s of mixed load', async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'opzenix-soak-'))
    const out = path.join(dir, 'soak.json')
    const { code, output } = await run(['--duration', '45', '--sample', '3', '--out', out])
    expect(code, output.slice(-3000)).toBe(0)
    const { figures: f } = JSON.parse(await readFile(out, 'utf8'))

    expect(f.rest.sent).toBeGreaterThan(0)
    expect(f.rest.failed).toBe(0)
    expect(f.webhooks.acknowledged).toBe(f.webhooks.sent)
    expect(f.webhooks.stored).toBe(f.webhooks.acknowledged)
    expect(f.webhooks.stored_twice).toBe(0)
    expect(f.webhooks.finished).toBe(f.webhooks.stored)
    expect(f.otlp.batches_ok).toBe(f.otlp.batches_sent)
    expect(f.otlp.spans_stored).toBe(f.otlp.spans_acknowledged)
    expect(f.subscribers).toBe(100)
    expect(f.realtime.expected_deliveries).toBe(f.otlp.spans_stored * 100)
    expect(f.realtime.lost).toBe(0)
    expect(f.realtime.duplicates).toBe(0)
    expect(f.queues_after_drain).toMatchObject({ webhooks_unfinished: 0, realtime_changes_queued: 0, realtime_deliveries_awaited: 0 })
    // Memory was sampled through the run, for every part of the stack.
    expect(f.samples.length).toBeGreaterThanOrEqual(10)
    expect(Object.keys(f.memory_mib.last)).toEqual(expect.arrayContaining(['postgres', 'postgrest', 'deno', 'stack']))
  }, 400_000)
})
