import type { RunningStack } from './stack.ts'

/** Serves the SPA against the running stack. Placeholder until the web app lands. */
export async function startApp(_stack: RunningStack, port: number): Promise<{ url: string; stop(): Promise<void> }> {
  return { url: `http://127.0.0.1:${port}`, stop: async () => {} }
}
