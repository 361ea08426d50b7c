import { useMemo, useRef } from 'react'
import type { FlowEdge, FlowNode } from '../lib/flow-types.ts'
import type { Highlights } from '../lib/issue-highlights.ts'
import { kindLabel } from '../lib/config-fields.ts'

type Cache<T> = Map<string, { source: T; severity: string | undefined; out: T }>

/**
 * Adds what the canvas shows but the store need not hold: accessible names ("Deploy: Ship to prod") and issue
 * classes. Cached per element, so an unchanged node keeps its object and xyflow skips it (2,000-node graphs).
 */
export function useDecoratedGraph(nodes: FlowNode[], edges: FlowEdge[], highlights: Highlights) {
  const nodeCache = useRef<Cache<FlowNode>>(new Map())
  const edgeCache = useRef<Cache<FlowEdge>>(new Map())
  const decoratedNodes = useMemo(() => nodes.map((node) => {
    const severity = highlights.nodes.get(node.id)
    const hit = nodeCache.current.get(node.id)
    if (hit && hit.source === node && hit.severity === severity) return hit.out
    const out = {
      ...node,
      ariaLabel: `${kindLabel(node.data.kind)}: ${node.data.label}`,
      className: severity ? `issue-${severity}` : undefined,
      domAttributes: severity ? { 'data-issue': severity } : undefined,
    } as FlowNode
    nodeCache.current.set(node.id, { source: node, severity, out })
    return out
  }), [nodes, highlights])
  const decoratedEdges = useMemo(() => edges.map((edge) => {
    const severity = highlights.edges.get(edge.id)
    const hit = edgeCache.current.get(edge.id)
    if (hit && hit.source === edge && hit.severity === severity) return hit.out
    const out: FlowEdge = {
      ...edge,
      className: severity ? `issue-${severity}` : undefined,
      style: severity ? { stroke: severity === 'error' ? 'var(--color-destructive)' : 'var(--color-warning)', strokeWidth: 2.5 } : undefined,
      label: edge.data?.on && edge.data.on !== 'success' ? `on ${edge.data.on}` : undefined,
      domAttributes: (severity ? { 'data-issue': severity } : undefined) as FlowEdge['domAttributes'],
    }
    edgeCache.current.set(edge.id, { source: edge, severity, out })
    return out
  }), [edges, highlights])
  return { nodes: decoratedNodes, edges: decoratedEdges }
}
