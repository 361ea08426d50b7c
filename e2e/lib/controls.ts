import type { Page } from 'playwright-core'

/** Names of buttons that would change shared state (not navigation, the mode or one's own profile). */
export const STATE_CHANGING = /^(new pipeline|save pipeline|saving…|undo|delete node|add .+|run( .+)?|start run|cancel run|run smoke test|rerun from checkpoint|approve|reject|roll back to .+|confirm .+|lock .+|unlock .+|remove connection to .+|(add|delete|remove|end) freeze window.*)$/i
/** Links that lead straight into changing something ("New pipeline" is a link for those who may create). */
export const STATE_CHANGING_LINKS = /^(new pipeline)$/i

/**
 * The visible, enabled buttons (and links) on the page whose name (aria-label, else text) matches `pattern`
 * (`links`).
 * Disabled ones, and ones inside a disabled fieldset, do not count. One round trip, so long pages stay cheap.
 */
export async function enabledControls(page: Page, pattern = STATE_CHANGING, links = STATE_CHANGING_LINKS): Promise<string[]> {
  const controls = await page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('button, a[href], [role="button"], [role="link"]')]
      .filter((el) => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden')
      .filter((el) => !el.matches(':disabled') && el.getAttribute('aria-disabled') !== 'true')
      .map((el) => ({
        role: el.tagName === 'A' || el.getAttribute('role') === 'link' ? 'link' : 'button',
        name: (el.getAttribute('aria-label') ?? el.textContent ?? '').replace(/\s+/g, ' ').trim(),
      })))
  return controls.filter((c) => (c.role === 'link' ? links : pattern).test(c.name)).map((c) => `${c.role} "${c.name}"`)
}
