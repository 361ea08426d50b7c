import { serveBuiltApp } from '../../stack/app-static.ts'
import type { RunningApp } from '../../stack/app.ts'
import { freePort } from '../../stack/net.ts'
import type { TestStack } from '../../test/helpers/stack.ts'
import { buildAppOnce } from './build.ts'

/** The production build of the SPA, served on a free port and pointed at `stack`. */
export async function startTestApp(stack: Pick<TestStack, 'apiUrl' | 'anonKey'>): Promise<RunningApp> {
  return serveBuiltApp(stack, await freePort(), await buildAppOnce())
}
