import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { FIXTURE_PROJECT, startTestStack, type TestStack } from '../../test/helpers/stack.ts'

let stack: TestStack | undefined
let workdir: string

async function hello(name: string): Promise<unknown> {
  const { data, error } = await stack!.anon().functions.invoke('hello', { body: { name } })
  if (error) throw error
  return data
}

function call(path: string): Promise<Response> {
  return fetch(`${stack!.apiUrl}/functions/v1/${path}`, { headers: { authorization: `Bearer ${stack!.anonKey}` } })
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

beforeAll(async () => {
  workdir = await mkdtemp(path.join(os.tmpdir(), 'opzenix-functions-'))
  await cp(FIXTURE_PROJECT, workdir, { recursive: true })
  stack = await startTestStack(workdir)
})
afterAll(async () => {
  await stack?.stop()
  await rm(workdir, { recursive: true, force: true })
})

describe('editing functions while the stack runs', () => {
  it('lets a retired worker finish its waitUntil work (a webhook processed after its 202)', async () => {
    const marker = path.join(workdir, 'background-done.txt')
    await mkdir(path.join(workdir, 'functions/background'))
    await writeFile(path.join(workdir, 'functions/background/index.ts'), `Deno.serve(() => {
  EdgeRuntime.waitUntil(new Promise((r) => setTimeout(r, 1500)).then(() => Deno.writeTextFile(${JSON.stringify(marker)}, 'done')))
  return new Response('accepted', { status: 202 })
})
`)
    expect((await call('background')).status).toBe(202)
    // The edit retires the worker right away (nothing in flight); its background work still completes.
    await writeFile(path.join(workdir, 'functions/background/index.ts'), "Deno.serve(() => new Response('v2'))\n")
    expect(await (await call('background')).text()).toBe('v2')
    await new Promise((r) => setTimeout(r, 3000))
    expect(await readFile(marker, 'utf8')).toBe('done')
  })

  it('picks up an edit of the function and of _shared on the next request', async () => {
    expect(await hello('Ada')).toEqual({ message: 'Hello Ada!' })

    await writeFile(path.join(workdir, 'functions/_shared/greeting.ts'), 'export const greeting = (name: string) => `Howdy ${name}!`\n')
    expect(await hello('Ada')).toEqual({ message: 'Howdy Ada!' })

    await writeFile(path.join(workdir, 'functions/hello/index.ts'), "Deno.serve(() => Response.json({ message: 'rewritten' }))\n")
    expect(await hello('Ada')).toEqual({ message: 'rewritten' })
  })

  it('serves a function added after start, and a broken one once it is fixed', async () => {
    await mkdir(path.join(workdir, 'functions/added-later'))
    await writeFile(path.join(workdir, 'functions/added-later/index.ts'), "Deno.serve(() => new Response('new here'))\n")
    const added = await call('added-later')
    expect(added.status).toBe(200)
    expect(await added.text()).toBe('new here')

    expect((await call('broken-import')).status).toBe(503)
    await writeFile(path.join(workdir, 'functions/broken-import/does-not-exist.ts'), "export const missing = 'found after all'\n")
    const fixed = await call('broken-import')
    expect(fixed.status).toBe(200)
    expect(await fixed.text()).toBe('found after all')
  })

  it('resolves bare imports through the project-wide functions/import_map.json', async () => {
    await writeFile(path.join(workdir, 'functions/import_map.json'), JSON.stringify({ imports: { 'shared/': './_shared/' } }))
    await mkdir(path.join(workdir, 'functions/mapped'))
    await writeFile(
      path.join(workdir, 'functions/mapped/index.ts'),
      "import { json } from 'shared/json.ts'\nDeno.serve(() => json({ mapped: true }))\n",
    )
    const answer = await call('mapped')
    expect(answer.status).toBe(200)
    expect(await answer.json()).toEqual({ mapped: true })
  })

  it('answers BOOT_ERROR for a function whose deno.json cannot be read', async () => {
    await mkdir(path.join(workdir, 'functions/bad-map'))
    await writeFile(path.join(workdir, 'functions/bad-map/deno.json'), '{ "imports": ')
    await writeFile(path.join(workdir, 'functions/bad-map/index.ts'), "Deno.serve(() => new Response('ok'))\n")
    const answer = await call('bad-map')
    expect(answer.status).toBe(503)
    expect((await answer.json()).code).toBe('BOOT_ERROR')
  })

  it('lets a request in flight finish on the old worker while new requests meet the edited function', async () => {
    const signal = path.join(workdir, 'release-the-old-worker')
    const waiting = await call(`slow/wait?until=${encodeURIComponent(signal)}`)
    const reader = waiting.body!.getReader()
    const decoder = new TextDecoder()
    expect(decoder.decode((await reader.read()).value)).toBe('waiting\n')

    const file = path.join(workdir, 'functions/slow/index.ts')
    await writeFile(file, (await readFile(file, 'utf8')).replace("new Response('released')", "new Response('released by v2')"))
    expect(await (await call('slow/release')).text()).toBe('released by v2')

    await writeFile(signal, '')
    let rest = ''
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) rest += decoder.decode(chunk.value)
    expect(rest).toBe('done\n')
  })

  it('stops every Deno worker when the stack stops', async () => {
    const { pid } = await (await call('crash')).json()
    expect(isRunning(pid)).toBe(true)
    await stack!.stop()
    stack = undefined
    expect(isRunning(pid)).toBe(false)
  })
})
