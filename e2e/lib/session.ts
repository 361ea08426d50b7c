import type { Page } from 'playwright-core'
import type { Browser } from './browser.ts'

export const DEMO_PASSWORD = 'opzenix-demo'

/** A new tab in `browser`, signed in through the sign-in form as `email`, on the home page. */
export async function signInPage(browser: Browser, appUrl: string, email: string): Promise<Page> {
  const page = await browser.context.newPage()
  page.setDefaultTimeout(30_000)
  await page.goto(appUrl)
  await page.getByLabel('Email').fill(email)
  await page.getByLabel('Password').fill(DEMO_PASSWORD)
  await page.getByLabel('Password').press('Enter')
  await page.getByTestId('user-email').filter({ hasText: email }).waitFor()
  return page
}

/**
 * Marks the document so `stillSamePage` can tell later that nothing reloaded it: client-side navigation keeps
 * the window, a reload or full navigation drops the mark.
 */
export async function markPage(page: Page): Promise<void> {
  await page.evaluate(() => { (window as unknown as { __e2eMark?: boolean }).__e2eMark = true })
}

export async function stillSamePage(page: Page): Promise<boolean> {
  return page.evaluate(() => (window as unknown as { __e2eMark?: boolean }).__e2eMark === true)
}

/** Follows a link of the main navigation by its exact label ("Runs" must not also match "What runs where"). */
export const nav = (page: Page, label: string) =>
  page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: label, exact: true }).click()
