import { z } from 'zod'
import { invokeFunction } from '../../../lib/functions.ts'
import { LOG_PAGE, type LogLine } from '../lib/log-buffer.ts'

export const fetchNodeLogsInput = z.object({
  execution_id: z.uuid(),
  node_id: z.string().min(1).max(200),
  after_id: z.number().int().min(0).optional(),
  before_id: z.number().int().min(1).optional(),
  from_end: z.boolean().optional(),
  limit: z.number().int().min(1).max(1000).optional(),
})
export type FetchNodeLogsInput = z.input<typeof fetchNodeLogsInput>

export interface NodeLogsPage {
  lines: LogLine[]
  next_after_id: number
  /** Paging forward: lines remain after this page. */
  has_more?: boolean
  /** Paging backward: lines remain before this page. */
  has_earlier?: boolean
}

/** One page of a node's log history, oldest first, after `after_id` or before `before_id` (the fetch-node-logs function). */
export async function fetchNodeLogs(raw: FetchNodeLogsInput): Promise<NodeLogsPage> {
  return invokeFunction<NodeLogsPage>('fetch-node-logs', fetchNodeLogsInput.parse(raw))
}

/** The page of up to LOG_PAGE lines just before line `beforeId` (or the newest page when omitted), and whether older lines remain. */
export async function fetchLogPageBefore(executionId: string, nodeId: string, beforeId?: number): Promise<{ lines: LogLine[]; hasEarlier: boolean }> {
  const page = await fetchNodeLogs({ execution_id: executionId, node_id: nodeId, limit: LOG_PAGE, ...(beforeId === undefined ? { from_end: true } : { before_id: beforeId }) })
  return { lines: page.lines, hasEarlier: page.has_earlier === true }
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
