import path from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RunningApp } from '../stack/app.ts'
import { startTestStack, type TestStack } from '../test/helpers/stack.ts'
import { startTestApp } from './lib/app.ts'
import type { Browser } from './lib/browser.ts'
import { openBrowser } from './lib/journey-browser.ts'
import { skipAfterFirstFailure } from './lib/sequence.ts'
import { signInPage } from './lib/session.ts'

// Issue 20: every page of the app, as the seeded admin, on a laptop (1280×800) and a phone (390×844): nothing
// wider than the window, the navigation reachable (a sidebar, or a drawer behind the menu button), and a skip link
// as the first Tab stop that moves focus to the main content.
const here = path.dirname(fileURLToPath(import.meta.url))
const LONG = { timeout: 30_000 }
const STEP = 240_000
const WIDE = { width: 1280, height: 800 }
const PHONE = { width: 390, height: 844 }

let stack: TestStack
let app: RunningApp
let browser: Browser
let page: Page
/** The sidebar's links (label and path) as the admin sees them on a wide screen. */
let navLinks: { label: string; href: string }[]
/** Every page to visit: the sidebar's, the detail pages of seeded rows, and those reached from menus. */
let pages: string[]

beforeAll(async () => {
  process.env.OPZENIX_TICK_MS ||= '200'
  stack = await startTestStack(path.resolve(here, '../supabase'))
  app = await startTestApp(stack)
  browser = await openBrowser()
  const service = stack.service()
  const pipeline = await service.from('flow_templates').select('id').order('created_at').limit(1).single()
  const run = await service.from('executions').select('id').order('created_at').limit(1).single()
  if (pipeline.error || run.error) throw pipeline.error ?? run.error
  pages = ['/pipelines/new', `/pipelines/${pipeline.data.id}`, `/executions/${run.data.id}`, '/environments/prod', '/profile', '/notifications', '/onboarding']
}, 240_000)

afterAll(async () => {
  await browser?.close()
  await app?.stop()
  await stack?.stop()
})

const mainNav = () => page.getByRole('navigation', { name: 'Main' })

/** Opens `pathname` and waits until its main region shows content rather than loading placeholders. */
async function visit(pathname: string): Promise<void> {
  await page.goto(app.url + pathname)
  await expect.poll(() => page.evaluate(() => {
    const main = document.querySelector('main')
    return Boolean(main && main.textContent!.trim().length > 0 && !main.querySelector('[aria-label="Loading"]'))
  }), LONG).toBe(true)
}

/** How far the document is wider than the window (0 when nothing overflows sideways). */
function overflow(): Promise<{ scrollWidth: number; innerWidth: number }> {
  return page.evaluate(() => ({ scrollWidth: document.scrollingElement!.scrollWidth, innerWidth: window.innerWidth }))
}

async function expectNoOverflow(pathname: string): Promise<void> {
  const { scrollWidth, innerWidth } = await overflow()
  expect(scrollWidth, `${pathname} is ${scrollWidth}px wide in a ${innerWidth}px window`).toBeLessThanOrEqual(innerWidth)
}

describe('the app at 1280×800 and 390×844', () => {
  skipAfterFirstFailure()

  it('at 1280×800 the sidebar lists the pages and none of them overflows', async () => {
    page = await signInPage(browser, app.url, 'admin@opzenix.dev')
    await page.setViewportSize(WIDE)
    await mainNav().waitFor()
    expect(await page.getByRole('button', { name: 'Open navigation' }).count()).toBe(0)
    navLinks = await mainNav().getByRole('link').evaluateAll((links) => links.map((a) => ({ label: a.textContent!.trim(), href: a.getAttribute('href')! })))
    expect(navLinks.map((l) => l.label)).toEqual(expect.arrayContaining(['Control tower', 'Pipelines', 'Runs', 'Approvals', 'Environments', 'Audit trail', 'Settings', 'Organization']))
    pages = [...navLinks.map((l) => l.href), ...pages]
    for (const pathname of pages) {
      await visit(pathname)
      await expectNoOverflow(pathname)
    }
  }, STEP)

  it('the first Tab lands on "Skip to main content", which moves focus to the main region', async () => {
    await visit('/pipelines')
    await page.keyboard.press('Tab')
    const focused = page.locator(':focus')
    expect(await focused.textContent()).toBe('Skip to main content')
    // Visible once focused (not the 1 px of a screen-reader-only element), with the focus outline.
    expect((await focused.boundingBox())?.width ?? 0).toBeGreaterThan(20)
    expect(await focused.evaluate((el) => getComputedStyle(el).outlineStyle)).not.toBe('none')
    await page.keyboard.press('Enter')
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('MAIN')
    // The next Tab goes on inside the page, not back into the navigation.
    await page.keyboard.press('Tab')
    expect(await page.evaluate(() => Boolean(document.activeElement?.closest('main')))).toBe(true)
  }, STEP)

  it('at 390×844 no page overflows and the menu button opens a drawer with every page', async () => {
    await page.setViewportSize(PHONE)
    for (const pathname of pages) {
      await visit(pathname)
      await expectNoOverflow(pathname)
      expect(await mainNav().count(), `${pathname}: the navigation is hidden until the menu opens`).toBe(0)
    }
    await visit('/')
    const menu = page.getByRole('button', { name: 'Open navigation' })
    await menu.click()
    await mainNav().waitFor()
    const labels = await mainNav().getByRole('link').allTextContents()
    expect(labels.map((l) => l.trim())).toEqual(navLinks.map((l) => l.label))
    await expectNoOverflow('/ with the drawer open')
  }, STEP)

  it('Escape closes the drawer and returns focus to the menu button; choosing a link navigates and closes it', async () => {
    await page.keyboard.press('Escape')
    await mainNav().waitFor({ state: 'detached' })
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Open navigation')
    await page.keyboard.press('Enter')
    await mainNav().getByRole('link', { name: 'Approvals' }).click()
    await mainNav().waitFor({ state: 'detached' })
    await page.waitForURL(/\/approvals$/)
    await page.getByRole('heading', { name: 'Approvals', level: 1 }).waitFor()
  }, STEP)

  it('at 390×844 the skip link is still the first Tab stop', async () => {
    await visit('/environments')
    await page.keyboard.press('Tab')
    expect(await page.locator(':focus').textContent()).toBe('Skip to main content')
    await page.keyboard.press('Enter')
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main-content')
  }, STEP)
})
