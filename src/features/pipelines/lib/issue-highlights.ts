import type { FlowEdge } from './flow-types.ts'
import type { GraphIssue, IssueSeverity } from './shared.ts'

export interface Highlights {
  nodes: Map<string, IssueSeverity>
  edges: Map<string, IssueSeverity>
}

// Issues about a connection name both of its ends; a cycle names every node of the loop.
const EDGE_CODES = new Set(['invalid_successor', 'duplicate_edge', 'cycle'])

/** Which nodes and edges to mark on the canvas for the rules' issues; an error outranks a warning. */
export function highlightsFor(issues: readonly GraphIssue[], edges: readonly FlowEdge[]): Highlights {
  const nodes = new Map<string, IssueSeverity>()
  const marked = new Map<string, IssueSeverity>()
  const mark = (map: Map<string, IssueSeverity>, key: string, severity: IssueSeverity) => {
    if (map.get(key) !== 'error') map.set(key, severity)
  }
  for (const issue of issues) {
    for (const id of issue.nodeIds) mark(nodes, id, issue.severity)
    if (!EDGE_CODES.has(issue.code)) continue
    const members = new Set(issue.nodeIds)
    const pairs = issue.code === 'cycle' ? null : `${issue.nodeIds[0]}->${issue.nodeIds[1]}`
    for (const edge of edges) {
      const hit = pairs === null ? members.has(edge.source) && members.has(edge.target) : `${edge.source}->${edge.target}` === pairs
      if (hit) mark(marked, edge.id, issue.severity)
    }
  }
  return { nodes, edges: marked }
}

/** "has 2 errors; it cannot run until fixed" style counts. */
export function countIssues(issues: readonly GraphIssue[]) {
  const errors = issues.filter((i) => i.severity === 'error').length
  return { errors, warnings: issues.length - errors }
}

export const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`
