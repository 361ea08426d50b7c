// The body of one ingest_otel_batch call: rows share their resource and scope through a small `groups`
// list instead of repeating them, so Postgres parses each resource's attributes once per request.
import type { SignalRow } from './rows.ts'

export interface Batch {
  token_hash: string
  groups: Array<{ resource_attributes: SignalRow['resource_attributes']; service_name: string | null; scope: SignalRow['scope'] | null }>
  rows: Array<Omit<SignalRow, 'resource_attributes' | 'service_name' | 'scope'> & { g: number }>
}

export function toBatch(tokenHash: string, rows: SignalRow[]): Batch {
  const groups: Batch['groups'] = []
  const index = new Map<object, Map<object | undefined, number>>()
  const out: Batch['rows'] = []
  for (const row of rows) {
    const { resource_attributes, service_name, scope, ...rest } = row
    let byScope = index.get(resource_attributes)
    if (!byScope) index.set(resource_attributes, byScope = new Map())
    let g = byScope.get(scope)
    if (g === undefined) {
      g = groups.push({ resource_attributes, service_name, scope: scope ?? null }) - 1
      byScope.set(scope, g)
    }
    out.push({ ...rest, g })
  }
  return { token_hash: tokenHash, groups, rows: out }
}
