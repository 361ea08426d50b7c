import path from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { startApp, type RunningApp } from '../stack/app.ts'
import { freePort } from '../stack/net.ts'
import { startTestStack, type TestStack } from '../test/helpers/stack.ts'
import { launchBrowser, type Browser } from './lib/browser.ts'

// `npm start` serves the app through Vite's dev server; the journeys use a production build. This checks the
// dev path: the page renders against the stack it was given.
let stack: TestStack
let app: RunningApp
let browser: Browser
let exitHandlers: { before: number[]; after: number[] }

const countExitHandlers = () => [process.listenerCount('SIGTERM'), process.stdin.listenerCount('end')]

beforeAll(async () => {
  stack = await startTestStack(path.resolve('supabase'))
  const before = countExitHandlers()
  app = await startApp(stack, await freePort())
  exitHandlers = { before, after: countExitHandlers() }
  browser = await launchBrowser()
}, 120_000)

afterAll(async () => {
  await browser?.close()
  await app?.stop()
  await stack?.stop()
})

it('serves the sign-in page through the dev server, pointed at the stack', async () => {
  const page = await browser.context.newPage()
  await page.goto(app.url)
  await page.getByRole('heading', { name: 'Sign in' }).waitFor({ timeout: 60_000 })
  const configured = await page.evaluate(() => fetch('/src/lib/env.ts').then((r) => r.text()))
  expect(configured).toContain(stack.apiUrl)
}, 90_000)

it('leaves shutdown to its caller: no SIGTERM or stdin-end handler of Vite\'s that would exit before the stack stops', () => {
  expect(exitHandlers.after).toEqual(exitHandlers.before)
})
