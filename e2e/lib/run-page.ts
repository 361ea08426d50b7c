import type { Page } from 'playwright-core'
import { expect } from 'vitest'

/** A run-page node's live status (data-status on data-testid="node-<id>"), or null while it is not drawn. */
export function statusOf(page: Page, nodeId: string): Promise<string | null> {
  return page.getByTestId(`node-${nodeId}`).getAttribute('data-status', { timeout: 30_000 })
}

/** Waits (generously: the engine and Realtime run on a shared machine) until the node shows `status`. */
export async function waitForStatus(page: Page, nodeId: string, status: string, timeout = 45_000): Promise<void> {
  await expect.poll(() => page.getByTestId(`node-${nodeId}`).getAttribute('data-status', { timeout: 5_000 }).catch(() => null), { timeout })
    .toBe(status)
}
