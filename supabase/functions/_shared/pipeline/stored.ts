import { z } from 'zod'
import { EDGE_CONDITIONS, NODE_KINDS, pipelineNodeSchema, type EdgeCondition, type NodeKind, type Pipeline } from './kinds.ts'

/**
 * The stored form of a pipeline (flow_templates.nodes / .edges and executions' copy), shaped like React Flow's
 * so the builder loads it as is: a node's kind is its `type`, its label and config live in `data`, and an
 * edge's condition lives in `data.on`.
 */
export const storedNodeSchema = z.object({
  id: z.string().min(1),
  type: z.enum(NODE_KINDS),
  position: z.object({ x: z.number(), y: z.number() }).default({ x: 0, y: 0 }),
  data: z.object({
    label: z.string().optional(),
    config: z.record(z.string(), z.unknown()).default({}),
  }).default({ config: {} }),
})
export const storedEdgeSchema = z.object({
  id: z.string().optional(),
  source: z.string().min(1),
  target: z.string().min(1),
  data: z.object({ on: z.enum(EDGE_CONDITIONS).default('success') }).default({ on: 'success' }),
})
export const storedPipelineSchema = z.object({
  nodes: z.array(storedNodeSchema),
  edges: z.array(storedEdgeSchema).default([]),
})
export type StoredPipeline = z.input<typeof storedPipelineSchema>

/** A pipeline as the editor holds it: the structure is sound, configs may still be incomplete. */
export interface DraftPipeline {
  nodes: { id: string; kind: NodeKind; label?: string; config: Record<string, unknown>; position: { x: number; y: number } }[]
  edges: { source: string; target: string; on: EdgeCondition }[]
}

export type ParseResult<T> = { ok: true; value: T } | { ok: false; errors: string[] }

const describe = (error: z.ZodError) => error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`)

/** Reads stored JSON into a draft; fails only when the structure itself is broken. */
export function fromStored(json: unknown): ParseResult<DraftPipeline> {
  const parsed = storedPipelineSchema.safeParse(json)
  if (!parsed.success) return { ok: false, errors: describe(parsed.error) }
  return {
    ok: true,
    value: {
      nodes: parsed.data.nodes.map((n) => ({
        id: n.id, kind: n.type, config: n.data.config, position: n.position,
        ...(n.data.label === undefined ? {} : { label: n.data.label }),
      })),
      edges: parsed.data.edges.map((e) => ({ source: e.source, target: e.target, on: e.data.on })),
    },
  }
}

/** Turns a draft into a runnable pipeline: every config checked against its kind's schema, defaults filled in. */
export function toPipeline(draft: DraftPipeline): ParseResult<Pipeline> {
  const errors: string[] = []
  const nodes: Pipeline['nodes'] = []
  for (const node of draft.nodes) {
    const parsed = pipelineNodeSchema.safeParse(node)
    if (parsed.success) nodes.push(parsed.data)
    else errors.push(...describe(parsed.error).map((m) => `node ${node.id}: ${m}`))
  }
  if (errors.length > 0) return { ok: false, errors }
  return { ok: true, value: { nodes, edges: draft.edges.map((e) => ({ ...e })) } }
}

/** Writes a draft or pipeline in the stored form; edge ids are derived so saving twice gives the same JSON. */
export function toStored(pipeline: DraftPipeline | Pipeline): z.output<typeof storedPipelineSchema> {
  return {
    nodes: pipeline.nodes.map((n) => ({
      id: n.id,
      type: n.kind,
      position: n.position ?? { x: 0, y: 0 },
      data: { ...(n.label === undefined ? {} : { label: n.label }), config: { ...n.config } },
    })),
    edges: pipeline.edges.map((e) => ({
      id: `${e.source}->${e.target}`, source: e.source, target: e.target, data: { on: e.on },
    })),
  }
}
