import { afterEach, beforeEach } from 'vitest'

/**
 * For a file whose `it`s are one journey in steps: once a step fails, the later steps are skipped (they would
 * only fail again, each after its own long timeout) and say which step broke the chain.
 */
export function skipAfterFirstFailure(): void {
  let failed: string | null = null
  afterEach((ctx) => {
    if (ctx.task.result?.state === 'fail') failed ??= ctx.task.name
  })
  beforeEach((ctx) => {
    if (failed) ctx.skip(`"${failed}" failed`)
  })
}
