// The built-in smoke test: read-only checks against an environment, then a notification. It deploys nothing,
// so it is the one pipeline allowed to run without a deploy node. Steps are simulated (labelled so).
import { toStored } from '../_shared/pipeline/stored.ts'

export interface SmokeTarget {
  key: string
  display_name: string
}

/** The smoke-test pipeline for `env`, in the stored (React Flow) form an execution copies. */
export function smokePipeline(env: SmokeTarget, repository: string) {
  const step = (duration_ms: number, log_lines: string[]) => ({ executor: { type: 'simulated', duration_ms, outcome: 'success', log_lines } })
  return toStored({
    nodes: [
      { id: 'source', kind: 'source', label: 'Source', config: { repository, branch: 'main' }, position: { x: 0, y: 0 } },
      {
        id: 'smoke-health', kind: 'test', label: 'smoke: health endpoints', position: { x: 240, y: 0 },
        config: step(1200, [`GET ${env.key}/healthz → 200`, `GET ${env.key}/readyz → 200`, 'all health endpoints answered (simulated)']),
      },
      {
        id: 'smoke-checkout', kind: 'test', label: 'smoke: synthetic checkout', position: { x: 480, y: 0 },
        config: step(1500, ['create cart → 201', 'add item → 200', 'pay with test card → 200', 'synthetic checkout passed (simulated)']),
      },
      {
        id: 'notify', kind: 'notify', label: 'Notify', position: { x: 720, y: 0 },
        config: { channel: 'in_app', message: `Smoke test of ${env.display_name} finished` },
      },
    ],
    edges: [
      { source: 'source', target: 'smoke-health', on: 'success' },
      { source: 'smoke-health', target: 'smoke-checkout', on: 'success' },
      { source: 'smoke-checkout', target: 'notify', on: 'always' },
    ],
  })
}
