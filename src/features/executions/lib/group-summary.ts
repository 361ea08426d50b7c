import type { GroupData } from './execution-graph.ts'

const n = (value: number) => value.toLocaleString('en')

/** "40 parallel branches, 2,000 steps: 1,200 passed, 40 running, 760 to go" — what a folded group holds. */
export function groupSummary(data: GroupData): string {
  return `${n(data.branches)} parallel branches, ${n(data.steps)} steps: ${groupCounts(data).map((c) => c.text).join(', ')}`
}

/** The group's non-zero counts, most urgent first, each with the tone of its status. */
export function groupCounts(data: GroupData): Array<{ key: string; text: string; tone: 'danger' | 'info' | 'success' | 'neutral' }> {
  const counts = [
    { key: 'failed', value: data.failed, text: `${n(data.failed)} failed`, tone: 'danger' as const },
    { key: 'running', value: data.running, text: `${n(data.running)} running`, tone: 'info' as const },
    { key: 'passed', value: data.passed, text: `${n(data.passed)} passed`, tone: 'success' as const },
    { key: 'stopped', value: data.stopped, text: `${n(data.stopped)} skipped or cancelled`, tone: 'neutral' as const },
    { key: 'pending', value: data.pending, text: `${n(data.pending)} to go`, tone: 'neutral' as const },
  ]
  return counts.filter((c) => c.value > 0).map(({ key, text, tone }) => ({ key, text, tone }))
}
