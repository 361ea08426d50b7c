type Json = string | number | boolean | null | Json[] | { [key: string]: Json }
type Image = { [key: string]: Json } | null | undefined

/** Bookkeeping columns every update touches; they say nothing about what changed. */
const NOISE = new Set(['updated_at'])

export interface FieldChange {
  field: string
  before: Json | undefined
  after: Json | undefined
}

/** The columns an audited change touched, in a stable order: every key whose value differs between the images. */
export function changedFields(before: Image, after: Image): FieldChange[] {
  const keys = [...new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])].sort()
  return keys
    .filter((key) => !NOISE.has(key) && JSON.stringify(before?.[key]) !== JSON.stringify(after?.[key]))
    .map((field) => ({ field, before: before?.[field], after: after?.[field] }))
}

/** A one-line summary of an audit row for the collapsed list. */
export function summarize(action: string, resourceType: string, changes: FieldChange[]): string {
  if (action === 'insert') return `inserted into ${resourceType}`
  if (action === 'delete') return `deleted from ${resourceType}`
  if (action === 'update') {
    if (changes.length === 0) return `touched ${resourceType}`
    const names = changes.slice(0, 3).map((c) => c.field).join(', ')
    return `changed ${names}${changes.length > 3 ? ` and ${changes.length - 3} more` : ''} in ${resourceType}`
  }
  return `${action} on ${resourceType}`
}

/** What verify_audit_chain()'s answer means: null is an intact chain, a number the first row that does not link. */
export function chainVerdict(firstBrokenId: number | null): { intact: boolean; firstBrokenId: number | null; message: string } {
  return firstBrokenId === null
    ? { intact: true, firstBrokenId, message: 'The audit chain is intact: every entry links to the one before it and its hash matches.' }
    : { intact: false, firstBrokenId, message: `The audit chain is broken at entry #${firstBrokenId}: that entry or one before it was altered or removed.` }
}
