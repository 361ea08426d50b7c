// Shared by the engine's integration tests: pipelines in the stored (builder) form, function calls that keep
// the HTTP status, and polling until the scheduler's ticks have moved a run along.
import { DEMO, type Client } from '../data-model/demo.ts'
import type { TestStack } from '../helpers/stack.ts'

type Config = Record<string, unknown>
export type NodeSpec = [id: string, kind: string, config: Config]

export const simulated = (duration_ms: number, outcome = 'success', log_lines: string[] = []) =>
  ({ executor: { type: 'simulated', duration_ms, outcome, log_lines } })

/** A pipeline as the builder saves it (React Flow shaped): a chain unless edges are given. */
export function storedPipeline(nodes: NodeSpec[], edges?: Array<[string, string, string?]>) {
  const chain = edges ?? nodes.slice(1).map((n, i): [string, string] => [nodes[i][0], n[0]])
  return {
    nodes: nodes.map(([id, kind, config], i) => ({ id, type: kind, position: { x: i * 200, y: 0 }, data: { label: `Node ${id}`, config } })),
    edges: chain.map(([source, target, on]) => ({ id: `${source}->${target}`, source, target, data: { on: on ?? 'success' } })),
  }
}

let counter = 0
/** Saves a pipeline in the demo project as `client` (an operator) and returns its id. */
export async function savePipeline(client: Client, graph: { nodes: unknown[]; edges: unknown[] }, name = `engine test ${++counter} ${Date.now()}`): Promise<string> {
  const { data, error } = await client.from('flow_templates')
    .insert({ project_id: DEMO.project, name, nodes: graph.nodes, edges: graph.edges }).select('id').single()
  if (error) throw new Error(`saving pipeline: ${error.message}`)
  return data.id
}

export interface Answer {
  status: number
  body: any
}

/** Calls an edge function as `client`'s signed-in user (or with a raw bearer), keeping status and JSON body. */
export async function call(stack: TestStack, name: string, body: unknown, auth: Client | string, contentType = 'application/json'): Promise<Answer> {
  const token = typeof auth === 'string' ? auth : (await auth.auth.getSession()).data.session?.access_token
  const res = await fetch(`${stack.apiUrl}/functions/v1/${name}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, apikey: stack.anonKey, 'content-type': contentType },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  })
  return { status: res.status, body: await res.json().catch(() => null) }
}

/** Saves `graph` as `client` and starts it through pipeline-execute; returns the run's id (throws unless 201). */
export async function startRun(stack: TestStack, client: Client, graph: { nodes: unknown[]; edges: unknown[] }, version?: string): Promise<string> {
  const answer = await call(stack, 'pipeline-execute', { flow_template_id: await savePipeline(client, graph), version }, client)
  if (answer.status !== 201) throw new Error(`pipeline-execute: expected 201, got ${answer.status} ${JSON.stringify(answer.body)}`)
  return answer.body.execution_id
}

/** Polls `read` until `done` holds; fails with the last value after `timeoutMs`. */
export async function waitFor<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 20_000): Promise<T> {
  const until = Date.now() + timeoutMs
  let value = await read()
  while (!done(value)) {
    if (Date.now() > until) throw new Error(`gave up waiting; last value: ${JSON.stringify(value).slice(0, 800)}`)
    await new Promise((r) => setTimeout(r, 100))
    value = await read()
  }
  return value
}

export interface RunView {
  status: string
  progress: number
  error_message: string | null
  version: string | null
  started_by: string | null
  nodes: Record<string, { status: string; output: any }>
}

/** A run as the service role sees it, nodes keyed by id. */
export async function readRun(stack: TestStack, id: string): Promise<RunView> {
  const { data, error } = await stack.service().from('executions')
    .select('status, progress, error_message, version, started_by, execution_nodes (node_id, status, output)').eq('id', id).single()
  if (error) throw new Error(error.message)
  return {
    ...data,
    nodes: Object.fromEntries(data.execution_nodes.map((n: any) => [n.node_id, { status: n.status, output: n.output }])),
  }
}

export const finished = (run: RunView) => ['success', 'warning', 'failed', 'cancelled'].includes(run.status)

/** Node state events of a run as "node:old→new" strings in order. */
export async function nodeEvents(stack: TestStack, id: string): Promise<string[]> {
  const { data, error } = await stack.service().from('execution_state_events')
    .select('node_id, old_state, new_state').eq('execution_id', id).not('node_id', 'is', null).order('id')
  if (error) throw new Error(error.message)
  return data.map((e: any) => `${e.node_id}:${e.old_state}→${e.new_state}`)
}

/** Counts rows of `table` for an execution (service role). */
export async function countFor(stack: TestStack, table: string, executionId: string): Promise<number> {
  const { count, error } = await stack.service().from(table).select('*', { count: 'exact', head: true }).eq('execution_id', executionId)
  if (error) throw new Error(error.message)
  return count ?? 0
}
