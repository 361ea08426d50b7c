// Pipelines and runs for the engine-backed function tests, started the way the UI starts them.
import type { TestStack } from '../helpers/stack.ts'
import { DEMO, sql, type Client } from '../data-model/demo.ts'
import { invoke, waitFor } from './helpers.ts'

type Spec = [id: string, kind: string, config: Record<string, unknown>]

const sim = (outcome: 'success' | 'failure', log_lines: string[] = []) =>
  ({ executor: { type: 'simulated', duration_ms: 0, outcome, log_lines } })

/** source → build → [checkpoint →] test (fails) → deploy dev. */
export function failingPipeline(withCheckpoint: boolean) {
  const chain: Spec[] = [
    ['source', 'source', { repository: 'acme/payments-api' }],
    ['build', 'build', sim('success', ['compiled payments-api'])],
    ...(withCheckpoint ? [['cp', 'checkpoint', { label: 'after build' }] as Spec] : []),
    ['test', 'test', sim('failure', ['1 test failed'])],
    ['deploy', 'deploy', { environment: 'dev' }],
  ]
  return {
    nodes: chain.map(([id, type, config], i) => ({ id, type, position: { x: i * 200, y: 0 }, data: { label: id, config } })),
    edges: chain.slice(1).map(([id], i) => ({ id: `${chain[i][0]}->${id}`, source: chain[i][0], target: id, data: { on: 'success' } })),
  }
}

export async function createPipeline(stack: TestStack, name: string, graph: { nodes: unknown[]; edges: unknown[] }): Promise<string> {
  const { data, error } = await stack.service().from('flow_templates')
    .insert({ project_id: DEMO.project, name, type: 'cicd', nodes: graph.nodes, edges: graph.edges, created_by: DEMO.users.admin })
    .select('id').single()
  if (error) throw new Error(error.message)
  return data!.id
}

/** Polls the database until the run reaches a finished status (bounded), and returns it. */
export async function finished(stack: TestStack, executionId: string, timeoutMs = 60_000): Promise<string> {
  return waitFor(async () => {
    const [row] = await sql(stack, 'select status from public.executions where id = $1', [executionId])
    return ['success', 'warning', 'failed', 'cancelled'].includes(row?.status) ? row.status as string : undefined
  }, timeoutMs, `execution ${executionId} to finish`)
}

/** Starts a pipeline through pipeline-execute and waits for the run to finish. */
export async function runToEnd(stack: TestStack, client: Client, pipelineId: string): Promise<{ id: string; status: string }> {
  const started = await invoke(client, 'pipeline-execute', { flow_template_id: pipelineId })
  if (started.status !== 201) throw new Error(`pipeline-execute: ${started.status} ${JSON.stringify(started.body)}`)
  const id = started.body.execution_id as string
  return { id, status: await finished(stack, id) }
}
