import { existsSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { chromium, type BrowserContext } from 'playwright-core'

const SYSTEM_CHROMIUM = '/usr/bin/chromium'
const ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync',
]

export interface Browser {
  context: BrowserContext
  close(): Promise<void>
}

/** Headless Chromium with a fresh profile: Debian's if installed, else the one inside @sparticuz/chromium. */
export async function launchBrowser(): Promise<Browser> {
  let executablePath = SYSTEM_CHROMIUM
  let args = ARGS
  if (!existsSync(SYSTEM_CHROMIUM)) {
    const packaged = (await import('@sparticuz/chromium')).default
    executablePath = await packaged.executablePath()
    args = [...new Set([...packaged.args, ...ARGS])]
  }
  const userDataDir = await mkdtemp(path.join(os.tmpdir(), 'opzenix-chromium-'))
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath, args, headless: true, viewport: { width: 1280, height: 800 },
  })
  return {
    context,
    close: async () => {
      await context.close()
      await rm(userDataDir, { recursive: true, force: true })
    },
  }
}
