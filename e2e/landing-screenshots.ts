// Refreshes the landing page's screenshots from the journeys' latest ones in e2e/artifacts/: the top 1280×800 of
// each, re-encoded as WebP at 960×600 by Chromium itself (a canvas), so the page ships ~30 KB images, not 200 KB PNGs.
//
// Run after the journeys: npx tsx e2e/landing-screenshots.ts
import { readFile, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { launchBrowser } from './lib/browser.ts'

const here = path.dirname(fileURLToPath(import.meta.url))
// Which journey writes each: see the comment in src/app/landing/screenshots.tsx.
const SHOTS = ['approval-levels-operator-level-2', 'approval-levels-operator-deployed', 'permissions-operator-rolled-back']

async function main() {
  const browser = await launchBrowser()
  try {
    const page = await browser.context.newPage()
    for (const name of SHOTS) {
      const png = (await readFile(path.join(here, 'artifacts', `${name}.png`))).toString('base64')
      const webp = await page.evaluate(async (data) => {
        const img = new Image()
        img.src = `data:image/png;base64,${data}`
        await img.decode()
        const canvas = document.createElement('canvas')
        canvas.width = 960
        canvas.height = 600
        canvas.getContext('2d')!.drawImage(img, 0, 0, 1280, 800, 0, 0, 960, 600)
        return canvas.toDataURL('image/webp', 0.82).split(',')[1]
      }, png)
      const out = path.resolve(here, '../src/app/landing/screenshots', `${name}.webp`)
      await writeFile(out, Buffer.from(webp!, 'base64'))
      console.log(`wrote ${path.relative(process.cwd(), out)}`)
    }
  } finally {
    await browser.close()
  }
}

void main()
