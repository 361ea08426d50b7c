import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestStack, type TestStack } from '../../test/helpers/stack.ts'

let stack: TestStack

function call(path: string): Promise<Response> {
  return fetch(`${stack.apiUrl}/functions/v1/${path}`, { headers: { authorization: `Bearer ${stack.anonKey}` } })
}

beforeAll(async () => {
  stack = await startTestStack()
})
afterAll(async () => {
  await stack?.stop()
})

describe('functions that fail', () => {
  it('answers 404 NOT_FOUND for a function that does not exist, and for _shared', async () => {
    for (const path of ['no-such-function', '_shared', '']) {
      const answer = await call(path)
      expect(answer.status).toBe(404)
      expect(answer.headers.get('sb-error-code')).toBe('NOT_FOUND')
      expect(await answer.json()).toEqual({ code: 'NOT_FOUND', message: 'Requested function was not found' })
    }
  })

  it('answers 503 BOOT_ERROR for a function whose imports cannot load, while others keep working', async () => {
    for (let attempt = 0; attempt < 2; attempt++) {
      const broken = await call('broken-import')
      expect(broken.status).toBe(503)
      expect(await broken.json()).toEqual({ code: 'BOOT_ERROR', message: 'Function failed to start (please check logs)' })
    }
    const { data, error } = await stack.anon().functions.invoke('hello', { body: { name: 'still here' } })
    expect(error).toBeNull()
    expect(data).toEqual({ message: 'Hello still here!' })
  })

  it('answers 500 when a handler throws, and the worker keeps serving', async () => {
    const before = await (await call('crash')).json()
    const thrown = await call('crash?mode=throw')
    expect(thrown.status).toBe(500)
    const after = await (await call('crash')).json()
    expect(after.pid).toBe(before.pid)
  })

  it('answers 500 WORKER_ERROR when the function process dies, leaves others up, and restarts it next time', async () => {
    const before = await (await call('crash')).json()
    const died = await call('crash?mode=exit')
    expect(died.status).toBe(500)
    expect(died.headers.get('sb-error-code')).toBe('WORKER_ERROR')
    expect(await died.json()).toEqual({ code: 'WORKER_ERROR', message: 'Function exited due to an error (please check logs)' })

    expect((await call('hello')).status).toBe(200)
    const again = await call('crash')
    expect(again.status).toBe(200)
    expect((await again.json()).pid).not.toBe(before.pid)
  })
})
