import { existsSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { chromium } from 'playwright-core'
import { launchBrowser, type Browser } from './browser.ts'

const SYSTEM_CHROMIUM = '/usr/bin/chromium'

/**
 * `launchBrowser()`, or for debugging (OPZENIX_E2E_HEADED=1 with a display and Debian's chromium; the packaged
 * fallback is headless-only) a visible window that slows each action by OPZENIX_E2E_SLOWMO ms (default 250).
 */
export async function openBrowser(): Promise<Browser> {
  const headed = process.env.OPZENIX_E2E_HEADED === '1'
  if (!headed) return launchBrowser()
  if (!process.env.DISPLAY || !existsSync(SYSTEM_CHROMIUM)) {
    console.warn(`OPZENIX_E2E_HEADED=1 needs DISPLAY and ${SYSTEM_CHROMIUM}; running headless`)
    return launchBrowser()
  }
  const userDataDir = await mkdtemp(path.join(os.tmpdir(), 'opzenix-chromium-headed-'))
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: SYSTEM_CHROMIUM, headless: false, slowMo: Number(process.env.OPZENIX_E2E_SLOWMO ?? 250),
    args: ['--no-first-run', '--disable-sync'], viewport: { width: 1280, height: 800 },
  })
  return {
    context,
    close: async () => {
      await context.close()
      await rm(userDataDir, { recursive: true, force: true })
    },
  }
}
