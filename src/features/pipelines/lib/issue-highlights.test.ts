import { describe, expect, it } from 'vitest'
import type { FlowEdge } from './flow-types.ts'
import { countIssues, highlightsFor, plural } from './issue-highlights.ts'
import type { GraphIssue } from './shared.ts'

const edge = (source: string, target: string): FlowEdge => ({ id: `${source}->${target}`, source, target, data: { on: 'success' } })
const issue = (severity: GraphIssue['severity'], code: GraphIssue['code'], nodeIds: string[]): GraphIssue => ({ severity, code, message: code, nodeIds })

describe('issue highlights', () => {
  const edges = [edge('a', 'b'), edge('b', 'c'), edge('c', 'b'), edge('c', 'd')]

  it('marks the nodes an issue names, an error winning over a warning', () => {
    const h = highlightsFor([issue('warning', 'orphan_node', ['a']), issue('error', 'invalid_config', ['a']), issue('warning', 'orphan_node', ['d'])], edges)
    expect(h.nodes.get('a')).toBe('error')
    expect(h.nodes.get('d')).toBe('warning')
    expect(h.edges.size).toBe(0)
  })

  it('marks the one edge a successor rule names', () => {
    const h = highlightsFor([issue('error', 'invalid_successor', ['c', 'd'])], edges)
    expect([...h.edges.keys()]).toEqual(['c->d'])
  })

  it('marks every edge inside a cycle and none leaving it', () => {
    const h = highlightsFor([issue('error', 'cycle', ['b', 'c'])], edges)
    expect([...h.edges.keys()].sort()).toEqual(['b->c', 'c->b'])
  })

  it('counts errors and warnings for the save message', () => {
    expect(countIssues([issue('error', 'cycle', []), issue('warning', 'no_test', []), issue('warning', 'no_checkpoint', [])])).toEqual({ errors: 1, warnings: 2 })
    expect(plural(1, 'error')).toBe('1 error')
    expect(plural(3, 'error')).toBe('3 errors')
  })
})
