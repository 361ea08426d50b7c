import { z } from 'zod'
import { invokeFunction } from '../../../lib/functions.ts'
import { supabase } from '../../../lib/supabase.ts'
import { LOG_PAGE, type LogLine } from '../lib/log-buffer.ts'

export const fetchNodeLogsInput = z.object({
  execution_id: z.uuid(),
  node_id: z.string().min(1).max(200),
  after_id: z.number().int().min(0).optional(),
  limit: z.number().int().min(1).max(1000).optional(),
})
export type FetchNodeLogsInput = z.input<typeof fetchNodeLogsInput>

export interface NodeLogsPage {
  lines: LogLine[]
  next_after_id: number
  has_more: boolean
}

/** One page of a node's log history, oldest first, after `after_id` (the fetch-node-logs function). */
export async function fetchNodeLogs(raw: FetchNodeLogsInput): Promise<NodeLogsPage> {
  return invokeFunction<NodeLogsPage>('fetch-node-logs', fetchNodeLogsInput.parse(raw))
}

/**
 * The page of up to LOG_PAGE lines just before line `beforeId` (or the newest page when omitted), and whether
 * older lines remain. fetch-node-logs pages forward, so this first finds the id the page starts after.
 */
export async function fetchLogPageBefore(executionId: string, nodeId: string, beforeId?: number): Promise<{ lines: LogLine[]; hasEarlier: boolean }> {
  let probe = supabase.from('execution_logs').select('id')
    .eq('execution_id', executionId).eq('node_id', nodeId)
    .order('id', { ascending: false }).range(LOG_PAGE, LOG_PAGE)
  if (beforeId !== undefined) probe = probe.lt('id', beforeId)
  const { data, error } = await probe
  if (error) throw error
  const afterId = data[0]?.id ?? 0
  const page = await fetchNodeLogs({ execution_id: executionId, node_id: nodeId, after_id: afterId, limit: LOG_PAGE })
  const lines = beforeId === undefined ? page.lines : page.lines.filter((l) => l.id < beforeId)
  return { lines, hasEarlier: data.length > 0 }
}

/** Every line after `afterId` the live stream may have missed (while it was joining), a page at a time. */
export async function fetchLogsAfter(executionId: string, nodeId: string, afterId: number): Promise<LogLine[]> {
  const lines: LogLine[] = []
  let cursor = afterId
  for (let i = 0; i < 10; i++) {
    const page = await fetchNodeLogs({ execution_id: executionId, node_id: nodeId, after_id: cursor, limit: 1000 })
    lines.push(...page.lines)
    cursor = page.next_after_id
    if (!page.has_more) break
  }
  return lines
}
