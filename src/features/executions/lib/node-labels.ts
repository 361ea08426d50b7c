import type { Json } from '../../../integrations/supabase/types.ts'
import { readStoredGraph } from '../../../../supabase/functions/_shared/engine/stored-graph.ts'

/** The one name a run's node goes by on the run page: its row's name, else its label in the graph, else its id. */
export function nodeLabel(id: string, rowName: string | null | undefined, graphLabel: string | null | undefined): string {
  return rowName?.trim() || graphLabel?.trim() || id
}

/**
 * Every node's label, for the parts of the run page that name nodes by id (timeline, log panel, notices): the
 * graph's nodes and the rows', so a node whose row has not arrived yet is still called by its label.
 */
export function nodeLabelMap(graphJson: Json, rows: readonly { node_id: string; name: string | null }[]): Map<string, string> {
  const read = readStoredGraph(graphJson)
  const graphLabels = new Map((read.ok ? read.graph.nodes : []).map((n) => [n.id, n.label]))
  const rowNames = new Map(rows.map((r) => [r.node_id, r.name]))
  const ids = new Set([...graphLabels.keys(), ...rowNames.keys()])
  return new Map([...ids].map((id) => [id, nodeLabel(id, rowNames.get(id), graphLabels.get(id))]))
}
