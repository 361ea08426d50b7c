import type { Page } from 'playwright-core'
import { DEMO, type Client } from '../../test/data-model/demo.ts'

/** A work stage's config on the simulated executor, succeeding after `ms`. */
export const simulatedWork = (ms = 100) => ({ executor: { type: 'simulated', duration_ms: ms, outcome: 'success', log_lines: [] } })

/** A node as flow_templates stores it. */
export const storedNode = (id: string, kind: string, label: string, config: Record<string, unknown>, x: number, y = 0) =>
  ({ id, type: kind, position: { x, y }, data: { label, config } })

/** An edge as flow_templates stores it. */
export const storedEdge = (source: string, target: string, on: 'success' | 'failure' | 'always' = 'success') =>
  ({ id: `${source}->${target}`, source, target, data: { on } })

/** Checkout (acme/payments-api) → `middle` stages in a row → Deploy to dev, 240 px apart: the builder journeys' pipeline. */
export function releasePipeline(middle: Array<{ id: string; kind: string; label: string }>, deploy: { label?: string; x?: number; y?: number } = {}) {
  const nodes = [
    storedNode('src', 'source', 'Checkout', { repository: 'acme/payments-api' }, 0),
    ...middle.map((m, i) => storedNode(m.id, m.kind, m.label, simulatedWork(), 240 * (i + 1))),
    storedNode('dev', 'deploy', deploy.label ?? 'Deploy dev', { environment: 'dev' }, deploy.x ?? 240 * (middle.length + 1), deploy.y ?? 0),
  ]
  const ids = nodes.map((n) => n.id)
  return { nodes, edges: ids.slice(1).map((id, i) => storedEdge(ids[i]!, id)) }
}

/** Saves a pipeline in the demo project as the operator signed in on `db`; returns its id. */
export async function insertPipeline(db: Client, name: string, graph: { nodes: object[]; edges: object[] }, extra: Record<string, unknown> = {}): Promise<string> {
  const { data, error } = await db.from('flow_templates')
    .insert({ project_id: DEMO.project, name, type: 'cicd', created_by: DEMO.users.operator, ...graph, ...extra }).select('id').single()
  if (error) throw error
  return data.id
}

/** A node on the builder's canvas, by id. */
export const canvasNode = (page: Page, id: string) => page.locator(`.react-flow__node[data-id="${id}"]`)
