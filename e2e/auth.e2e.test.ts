import { mkdir } from 'node:fs/promises'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RunningApp } from '../stack/app.ts'
import { startTestStack, type TestStack } from '../test/helpers/stack.ts'
import { startTestApp } from './lib/app.ts'
import { launchBrowser, type Browser } from './lib/browser.ts'

const here = path.dirname(fileURLToPath(import.meta.url))
const ARTIFACTS = path.join(here, 'artifacts')
const PROJECT = path.resolve(here, '../supabase')

let stack: TestStack
let app: RunningApp
let browser: Browser
let page: Page

beforeAll(async () => {
  stack = await startTestStack(PROJECT)
  app = await startTestApp(stack)
  browser = await launchBrowser()
  page = await browser.context.newPage()
  await mkdir(ARTIFACTS, { recursive: true })
})

afterAll(async () => {
  await browser?.close()
  await app?.stop()
  await stack?.stop()
})

describe('account journey in Chromium', () => {
  const email = `e2e-${Date.now()}@opzenix.dev`
  const password = 'correct-horse-battery'

  it('offers sign-in to a visitor', async () => {
    await page.goto(app.url)
    await page.getByRole('heading', { name: 'Sign in' }).waitFor()
    expect(await page.getByText('The CI/CD control tower').isVisible()).toBe(true)
  })

  it('signs up a new user and shows their email and role', async () => {
    await page.getByRole('button', { name: 'New here? Create an account' }).click()
    await page.getByLabel('Email').fill(email)
    await page.getByLabel('Password').fill(password)
    await page.getByLabel('Password').press('Enter')
    await page.getByTestId('user-email').waitFor()
    expect(await page.getByTestId('user-email').textContent()).toBe(email)
    // A new account is a viewer in no organization until an admin adds it, and the page says so.
    expect(await page.getByText("You're in, but not in an organization yet").isVisible()).toBe(true)
    expect(await page.getByTestId('user-role').count()).toBe(0)
    await page.screenshot({ path: path.join(ARTIFACTS, 'auth-signed-up.png') })

    const { data } = await stack.service().auth.admin.listUsers()
    expect(data.users.map((u) => u.email)).toContain(email)
  })

  it('keeps the session across a reload', async () => {
    await page.reload()
    await page.getByTestId('user-email').waitFor()
    expect(await page.getByTestId('user-email').textContent()).toBe(email)
  })

  it('signs out', async () => {
    await page.getByRole('button', { name: 'Account menu' }).click()
    await page.getByRole('menuitem', { name: 'Sign out' }).click()
    await page.getByRole('heading', { name: 'Sign in' }).waitFor()
    expect(await page.getByTestId('user-email').count()).toBe(0)
  })

  it('refuses a wrong password with a readable error', async () => {
    await page.getByLabel('Email').fill(email)
    await page.getByLabel('Password').fill('not-the-password')
    await page.getByRole('button', { name: 'Sign in', exact: true }).click()
    await page.getByRole('alert').waitFor()
    expect(await page.getByRole('alert').textContent()).toMatch(/invalid login credentials/i)
  })

  it('signs in again with the right password', async () => {
    await page.getByLabel('Password').fill(password)
    await page.getByLabel('Password').press('Enter')
    await page.getByTestId('user-email').waitFor()
    expect(await page.getByTestId('user-email').textContent()).toBe(email)
    await page.screenshot({ path: path.join(ARTIFACTS, 'auth-signed-in-again.png') })
  })
})
