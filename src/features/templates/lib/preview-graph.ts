import type { Edge, Node } from '@xyflow/react'
import type { Json } from '../../../integrations/supabase/types.ts'

export type PreviewData = { label: string; kind: string }
export type PreviewNode = Node<PreviewData, 'preview'>

const record = (v: unknown): Record<string, unknown> => (v && typeof v === 'object' && !Array.isArray(v) ? v as Record<string, unknown> : {})

/** A template's stored graph as xyflow nodes and edges (failure edges dashed, "always" dotted). */
export function previewGraph(nodes: Json, edges: Json): { nodes: PreviewNode[]; edges: Edge[] } {
  const list = (v: Json) => (Array.isArray(v) ? v.map(record) : [])
  return {
    nodes: list(nodes).map((n) => {
      const data = record(n.data)
      const position = record(n.position)
      return {
        id: String(n.id), type: 'preview' as const,
        position: { x: Number(position.x ?? 0), y: Number(position.y ?? 0) },
        data: { kind: String(n.type ?? 'unknown'), label: String(data.label ?? n.id) },
      }
    }),
    edges: list(edges).map((e) => {
      const on = String(record(e.data).on ?? 'success')
      return {
        id: String(e.id ?? `${e.source}->${e.target}`), source: String(e.source), target: String(e.target),
        ...(on === 'success' ? {} : { label: `on ${on}`, style: { strokeDasharray: on === 'failure' ? '6 4' : '2 3' } }),
      }
    }),
  }
}

