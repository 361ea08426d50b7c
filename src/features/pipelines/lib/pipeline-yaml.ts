import { Document, isSeq, LineCounter, parseDocument, visit, type Node as YamlNode } from 'yaml'
import { z } from 'zod'

/**
 * A pipeline as code: what the builder's code view shows and reads. Every node lists what it `needs` (the edges
 * into it; a bare id runs on success, `{id: failure}` or `{id: always}` otherwise), its place on the canvas
 * (`at: [x, y]`) and its config, so canvas → YAML → canvas loses nothing.
 */
export interface CodePipeline {
  name: string
  type: string
  nodes: Array<{ id: string; kind: string; label?: string; position: { x: number; y: number }; config: Record<string, unknown> }>
  edges: Array<{ source: string; target: string; on: 'success' | 'failure' | 'always' }>
}

export interface CodeError { line: number; message: string }
export type CodeResult = { ok: true; pipeline: CodePipeline } | { ok: false; errors: CodeError[] }

const CONDITIONS = ['success', 'failure', 'always'] as const

/** The edges in the order the code lists them: by target node, then as each node lists its needs. */
export function canonicalEdges(pipeline: Pick<CodePipeline, 'nodes' | 'edges'>): CodePipeline['edges'] {
  const order = new Map(pipeline.nodes.map((n, i) => [n.id, i]))
  return pipeline.edges
    .map((edge, i) => ({ edge, i }))
    .sort((a, b) => (order.get(a.edge.target) ?? Infinity) - (order.get(b.edge.target) ?? Infinity) || a.i - b.i)
    .map(({ edge }) => edge)
}

/** The pipeline as YAML (or, with `json`, the same document as JSON). */
export function toCode(pipeline: CodePipeline, format: 'yaml' | 'json' = 'yaml'): string {
  const body = {
    name: pipeline.name,
    type: pipeline.type,
    nodes: pipeline.nodes.map((node) => {
      const needs = pipeline.edges.filter((e) => e.target === node.id).map((e) => (e.on === 'success' ? e.source : { [e.source]: e.on }))
      return {
        id: node.id, kind: node.kind, ...(node.label === undefined ? {} : { label: node.label }),
        at: [node.position.x, node.position.y], ...(needs.length > 0 ? { needs } : {}), config: node.config,
      }
    }),
  }
  if (format === 'json') return `${JSON.stringify(body, null, 2)}\n`
  const doc = new Document(body)
  // Positions and plain lists of needs read best on one line.
  visit(doc, {
    Pair(_, pair) {
      const key = (pair.key as { value?: unknown } | null)?.value
      if ((key === 'at' || key === 'needs') && isSeq(pair.value) && pair.value.items.every((i) => !isSeq(i) && !(i as { items?: unknown }).items)) pair.value.flow = true
    },
  })
  return doc.toString({ lineWidth: 0 })
}

const needSchema = z.union([
  z.string().min(1),
  z.record(z.string().min(1), z.enum(CONDITIONS)).refine((m) => Object.keys(m).length === 1, 'Name one node per entry, as {id: failure}'),
])
const nodeSchema = z.strictObject({
  id: z.string().min(1).max(200),
  kind: z.string().min(1),
  label: z.string().optional(),
  at: z.tuple([z.number(), z.number()]),
  needs: z.array(needSchema).optional(),
  config: z.record(z.string(), z.unknown()).default({}),
})
const codeSchema = z.strictObject({
  name: z.string(),
  type: z.string().min(1),
  nodes: z.array(nodeSchema),
})

/** Reads the code view's text (YAML, or JSON, which is YAML too); every problem comes with the line it is on. */
export function fromCode(text: string): CodeResult {
  const lineCounter = new LineCounter()
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false })
  const lineOf = (offset: number) => lineCounter.linePos(offset).line
  if (doc.errors.length > 0) {
    return { ok: false, errors: doc.errors.map((e) => ({ line: e.linePos?.[0].line ?? lineOf(e.pos[0]), message: e.message.split('\n')[0]! })) }
  }
  // The nearest node the path names (a missing key points at the map that lacks it).
  const lineAt = (path: readonly PropertyKey[]) => {
    for (let n = path.length; n >= 0; n--) {
      const node = doc.getIn(path.slice(0, n) as unknown[], true) as YamlNode | undefined
      if (node?.range) return lineOf(node.range[0])
    }
    return 1
  }
  // "__proto__" would become the config object's prototype, not a key: refused rather than lost.
  const protoKeys: CodeError[] = []
  visit(doc, { Pair(_, pair) {
    const key = pair.key as YamlNode & { value?: unknown }
    if (key?.value === '__proto__') protoKeys.push({ line: key.range ? lineOf(key.range[0]) : 1, message: '"__proto__" cannot be a key' })
  } })
  if (protoKeys.length > 0) return { ok: false, errors: protoKeys }
  const parsed = codeSchema.safeParse(doc.toJS({ maxAliasCount: 1000 }))
  if (!parsed.success) {
    return {
      ok: false,
      errors: parsed.error.issues.map((i) => {
        const where = i.path.join('.') || 'the document'
        if (i.code === 'unrecognized_keys') {
          const fields = i.path.length === 0 ? 'name, type, nodes' : 'id, kind, label, at, needs, config'
          return { line: lineAt([...i.path, i.keys[0]!]), message: `${where}: unknown field "${i.keys.join('", "')}" (the fields are ${fields})` }
        }
        return { line: lineAt(i.path), message: `${where}: ${i.message}` }
      }),
    }
  }
  const errors: CodeError[] = []
  const ids = new Map<string, number>()
  parsed.data.nodes.forEach((node, i) => {
    if (ids.has(node.id)) errors.push({ line: lineAt(['nodes', i, 'id']), message: `Two nodes have the id "${node.id}"` })
    ids.set(node.id, i)
  })
  const edges: CodePipeline['edges'] = []
  parsed.data.nodes.forEach((node, i) => {
    const seen = new Set<string>()
    node.needs?.forEach((need, j) => {
      const [source, on] = typeof need === 'string' ? [need, 'success' as const] : Object.entries(need)[0]!
      const line = lineAt(['nodes', i, 'needs', j])
      if (!ids.has(source)) errors.push({ line, message: `"${node.id}" needs "${source}", which is not a node of this pipeline` })
      else if (source === node.id) errors.push({ line, message: `"${node.id}" cannot need itself` })
      else if (seen.has(source)) errors.push({ line, message: `"${node.id}" needs "${source}" twice` })
      else edges.push({ source, target: node.id, on })
      seen.add(source)
    })
  })
  if (errors.length > 0) return { ok: false, errors: errors.sort((a, b) => a.line - b.line) }
  return {
    ok: true,
    pipeline: {
      name: parsed.data.name,
      type: parsed.data.type,
      nodes: parsed.data.nodes.map((n) => ({
        id: n.id, kind: n.kind, ...(n.label === undefined ? {} : { label: n.label }), position: { x: n.at[0], y: n.at[1] }, config: n.config,
      })),
      edges,
    },
  }
}
