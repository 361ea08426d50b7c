/** Ids of the nodes whose label, id or kind contains the text (any case), in graph order ("find a node"). */
export function matchNodes(nodes: ReadonlyArray<{ id: string; data: { label: string; kind: string } }>, text: string): string[] {
  const q = text.trim().toLowerCase()
  if (q === '') return []
  return nodes.filter((n) => [n.data.label, n.id, n.data.kind].some((v) => v.toLowerCase().includes(q))).map((n) => n.id)
}
