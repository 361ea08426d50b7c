// CI evidence on the run page: grouping by node, and the one meta map per severity and gate kind.
import type { BadgeTone } from '../../../components/ui/badge.tsx'
import type { Enums } from '../../../integrations/supabase/types.ts'

export type Severity = Enums<'vulnerability_severity'>

export const severityMeta = {
  critical: { label: 'Critical', tone: 'danger' },
  high: { label: 'High', tone: 'warning' },
  medium: { label: 'Medium', tone: 'info' },
  low: { label: 'Low', tone: 'neutral' },
  unknown: { label: 'Unknown', tone: 'neutral' },
} as const satisfies Record<Severity, { label: string; tone: BadgeTone }>

export const SEVERITIES = Object.keys(severityMeta) as Severity[]

export const gateKindMeta = {
  security: { label: 'Security gate' },
  tests: { label: 'Test gate' },
} as const satisfies Record<Enums<'evidence_gate_kind'>, { label: string }>

interface WithNode { node_id: string | null }

/** Each node's evidence, in the order nodes first reported something. */
export function groupEvidence<R extends WithNode, S extends WithNode, B extends WithNode, A extends WithNode, E extends WithNode>(
  lists: { reports: R[]; scans: S[]; sboms: B[]; artifacts: A[]; steps: E[] },
) {
  const nodes = new Map<string, { reports: R[]; scans: S[]; sboms: B[]; artifacts: A[]; steps: E[] }>()
  const at = (nodeId: string | null) => {
    const key = nodeId ?? ''
    let entry = nodes.get(key)
    if (!entry) nodes.set(key, entry = { reports: [], scans: [], sboms: [], artifacts: [], steps: [] })
    return entry
  }
  for (const r of lists.reports) at(r.node_id).reports.push(r)
  for (const s of lists.scans) at(s.node_id).scans.push(s)
  for (const b of lists.sboms) at(b.node_id).sboms.push(b)
  for (const a of lists.artifacts) at(a.node_id).artifacts.push(a)
  for (const e of lists.steps) at(e.node_id).steps.push(e)
  return [...nodes.entries()].map(([nodeId, evidence]) => ({ nodeId, ...evidence }))
}

/** Licence id → packages, biggest first, summed over SBOMs; `rest` counts what falls past `top`. */
export function licenceSummary(sboms: Array<{ licences: unknown }>, top = 5): { top: Array<[string, number]>; rest: number } {
  const total = new Map<string, number>()
  for (const s of sboms) {
    for (const [licence, n] of Object.entries((s.licences ?? {}) as Record<string, number>)) total.set(licence, (total.get(licence) ?? 0) + Number(n))
  }
  const sorted = [...total.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
  return { top: sorted.slice(0, top), rest: sorted.slice(top).reduce((sum, [, n]) => sum + n, 0) }
}

/** sha256:4b825dc6…54bf → `sha256:4b825dc642cb` (the digest stays whole in the title and copy button). */
export function shortDigest(digest: string): string {
  const [algorithm, hex] = digest.split(':')
  return hex ? `${algorithm}:${hex.slice(0, 12)}` : digest
}
