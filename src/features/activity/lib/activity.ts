import type { Database, Enums } from '../../../integrations/supabase/types.ts'

type Generated = Database['public']['Functions']['project_activity']['Returns'][number]
// The generator marks every returned column non-null; these are null for some kinds of row.
type NullableColumns = 'execution_id' | 'execution_name' | 'environment_key' | 'old_state' | 'detail' | 'title' | 'version' | 'actor_id' | 'actor_name'

/** One row of `project_activity`: a run status change, an approval vote or a deployment. */
export type ActivityRow = Omit<Generated, NullableColumns> & { [K in NullableColumns]: Generated[K] | null }

export interface ActivityCursor {
  /** The timestamp exactly as the database sent it (microseconds kept; a JS Date would drop them). */
  at: string
  key: string
}

type Badge =
  | { kind: 'execution'; status: Enums<'execution_status'> }
  | { kind: 'approval'; status: Enums<'approval_status'> }
  | { kind: 'deployment'; status: Enums<'deployment_status'> }

export interface ActivityView {
  /** Who or what the item is about, shown first. */
  subject: string
  /** What happened to it. */
  action: string
  badge: Badge
  /** Where the item leads: the run, or for a deployment its environment. */
  href: string | null
  /** A second link (a deployment's run), if any. */
  related: { label: string; href: string } | null
  actor: string | null
  note: string | null
}

const runActions: Partial<Record<string, string>> = {
  queued: 'was queued',
  running: 'started',
  paused: 'is waiting for approval',
  success: 'succeeded',
  warning: 'succeeded with warnings',
  failed: 'failed',
  cancelled: 'was cancelled',
}

const runPath = (id: string | null) => (id ? `/executions/${id}` : null)
const envPath = (key: string | null) => (key ? `/environments/${encodeURIComponent(key)}` : null)

/** What one activity row says and where it leads. */
export function describeActivity(row: ActivityRow): ActivityView {
  const actor = row.actor_name || null
  if (row.kind === 'vote') {
    const approved = row.new_state === 'approve'
    return {
      subject: actor ?? 'Someone',
      action: `${approved ? 'approved' : 'rejected'} ${row.title ? `“${row.title}”` : 'a gate'}${row.execution_name ? ` of ${row.execution_name}` : ''}`,
      badge: { kind: 'approval', status: approved ? 'approved' : 'rejected' },
      href: runPath(row.execution_id),
      related: row.environment_key ? { label: row.environment_key, href: envPath(row.environment_key)! } : null,
      actor: null,
      note: row.detail || null,
    }
  }
  if (row.kind === 'deployment') {
    const env = row.environment_key ?? 'an environment'
    return {
      subject: row.version ?? 'A version',
      action: row.is_rollback ? `rolled back onto ${env}` : `deployed to ${env}`,
      badge: { kind: 'deployment', status: row.new_state as Enums<'deployment_status'> },
      href: envPath(row.environment_key),
      related: row.execution_id ? { label: row.execution_name ?? 'run', href: runPath(row.execution_id)! } : null,
      actor,
      note: row.detail || null,
    }
  }
  const resumed = row.old_state === 'paused' && row.new_state === 'running'
  return {
    subject: row.execution_name ?? 'A run',
    action: resumed ? 'resumed' : runActions[row.new_state] ?? `moved to ${row.new_state}`,
    badge: { kind: 'execution', status: row.new_state as Enums<'execution_status'> },
    href: runPath(row.execution_id),
    related: row.environment_key ? { label: row.environment_key, href: envPath(row.environment_key)! } : null,
    actor,
    // The engine's reasons for ordinary moves ("started", "triggered") repeat the action; why a run failed or was cancelled does not.
    note: row.new_state === 'failed' || row.new_state === 'cancelled' ? row.detail || null : null,
  }
}

/** The cursor for the page after `page`, or undefined when `page` was the last (shorter than asked). */
export function nextCursor(page: ActivityRow[], limit: number): ActivityCursor | undefined {
  if (page.length < limit) return undefined
  const last = page[page.length - 1]!
  return { at: last.at, key: last.key }
}

/**
 * Pages joined into one newest-first list. Each item appears once even when a refetch moved it across a page
 * boundary, and the order is the database's (time, then key), whatever order the pages arrive in.
 */
export function mergePages(pages: ActivityRow[][]): ActivityRow[] {
  const byKey = new Map<string, ActivityRow>()
  for (const row of pages.flat()) if (!byKey.has(row.key)) byKey.set(row.key, row)
  return [...byKey.values()].sort(compareActivity)
}

/** Newest first; rows sharing a timestamp by key, descending (as `project_activity` orders them). */
export function compareActivity(a: ActivityRow, b: ActivityRow): number {
  const ta = Date.parse(a.at)
  const tb = Date.parse(b.at)
  if (ta !== tb) return tb - ta
  const ma = micros(a.at)
  const mb = micros(b.at)
  if (ma !== mb) return mb - ma
  return a.key < b.key ? 1 : a.key > b.key ? -1 : 0
}

// The sub-millisecond digits Date.parse ignores ("…39.416971+00:00" → 971).
function micros(iso: string): number {
  const fraction = /\.(\d+)/.exec(iso)?.[1] ?? ''
  return Number(fraction.padEnd(6, '0').slice(3, 6))
}
