import { Position } from '@xyflow/react'
import { useMemo, useRef } from 'react'
import type { FlowEdge, FlowNode } from '../lib/flow-types.ts'
import type { Highlights } from '../lib/issue-highlights.ts'
import { kindLabel } from '../lib/config-fields.ts'

type Cache<T> = Map<string, { source: T; severity: string | undefined; large?: boolean; out: T }>

/** Past this many nodes only what is on screen is drawn (pipeline-canvas.tsx LARGE_GRAPH). */
const LARGE = 300
// A node's size and handles given up front on a large graph: xyflow draws every node whose handles it has not
// measured, so without them opening 5,000 nodes would mount all 5,000 once.
const KNOWN_SIZE = {
  initialWidth: 200,
  initialHeight: 72,
  handles: [
    { type: 'target' as const, position: Position.Left, x: -5, y: 31, width: 10, height: 10 },
    { type: 'source' as const, position: Position.Right, x: 195, y: 31, width: 10, height: 10 },
  ],
}

/**
 * Adds what the canvas shows but the store need not hold: accessible names ("Deploy: Ship to prod") and issue
 * classes. Cached per element, so an unchanged node keeps its object and xyflow skips it (2,000-node graphs).
 */
export function useDecoratedGraph(nodes: FlowNode[], edges: FlowEdge[], highlights: Highlights) {
  const nodeCache = useRef<Cache<FlowNode>>(new Map())
  const edgeCache = useRef<Cache<FlowEdge>>(new Map())
  const large = nodes.length > LARGE
  const decoratedNodes = useMemo(() => nodes.map((node) => {
    const severity = highlights.nodes.get(node.id)
    const hit = nodeCache.current.get(node.id)
    if (hit && hit.source === node && hit.severity === severity && hit.large === large) return hit.out
    const out = {
      ...node,
      ...(large ? KNOWN_SIZE : {}),
      ariaLabel: `${kindLabel(node.data.kind)}: ${node.data.label}`,
      className: severity ? `issue-${severity}` : undefined,
      domAttributes: severity ? { 'data-issue': severity } : undefined,
    } as FlowNode
    nodeCache.current.set(node.id, { source: node, severity, large, out })
    return out
  }), [nodes, highlights, large])
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
