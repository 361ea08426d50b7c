// What a model is told about a failed run: the run, the failing stages' log excerpts, the trace's failing spans,
// the same stages' recent history and the offline findings, all redacted, with a bounded size.
import type { RunContext, RunInsight } from '../insights/analyzer.ts'
import type { StageRun } from '../insights/history.ts'
import { redact } from '../insights/redact.ts'
import type { ChatMessage } from './chat.ts'

export const MAX_PROMPT_CHARS = 24_000

const SYSTEM = [
  'You are the CI/CD assistant of Opzenix. A pipeline run is described below: its failing stages, their logs, the',
  'same stages in recent runs and what rule-based checks found. Explain in a few sentences why the run most likely',
  'failed, citing the log lines or figures you rely on, then list concrete things to try, most likely fix first.',
  'Say so when the evidence is thin. Secrets were replaced with [redacted]; never ask for them. Answer in Markdown.',
].join(' ')

export interface PromptInput {
  context: RunContext
  insight: RunInsight
  /** The run's stages and the same stages in earlier runs. */
  nodes: StageRun[]
  history: StageRun[]
  /** The node the user asked about, if any. */
  node_id?: string | null
}

function historyLines(nodes: StageRun[], history: StageRun[], focus: Set<string>): string[] {
  return [...focus].map((nodeId) => {
    const runs = history.filter((h) => h.node_id === nodeId).slice(0, 10)
    const name = nodes.find((n) => n.node_id === nodeId)?.name ?? nodeId
    if (runs.length === 0) return `- ${name}: no earlier runs`
    const cells = runs.map((r) => `${r.status}${r.duration_ms === null ? '' : ` ${Math.round(r.duration_ms / 1000)}s`}${r.commit_sha ? ` @${r.commit_sha.slice(0, 7)}` : ''}`)
    return `- ${name} (newest first): ${cells.join(', ')}`
  })
}

/** The chat messages for one run, redacted; `known` are secret values to remove wherever they appear. */
export function buildRunPrompt(input: PromptInput, known: readonly string[] = []): ChatMessage[] {
  const { context, insight } = input
  const run = context.run
  const failed = input.nodes.filter((n) => n.status === 'failed').map((n) => n.node_id)
  const focus = new Set(input.node_id ? [input.node_id] : failed.length > 0 ? failed : input.nodes.map((n) => n.node_id))
  const sections: string[] = [
    `Run "${run.name}" (${run.execution_id}): ${run.status}${run.branch ? ` on ${run.branch}` : ''}${run.commit_sha ? ` at ${run.commit_sha}` : ''}.`,
    run.error_message ? `Error: ${run.error_message}` : '',
    `Stages: ${input.nodes.map((n) => `${n.name} ${n.status}${n.duration_ms === null ? '' : ` ${Math.round(n.duration_ms / 1000)}s`}`).join('; ')}`,
    input.node_id ? `The user asks about stage "${input.node_id}".` : '',
    context.trace.length > 0 ? `Trace (depth-first; name, duration, status):\n${context.trace.slice(0, 40).map((t) =>
      `${'  '.repeat(Math.min(t.depth, 6))}- ${t.name}${t.duration_ms === null ? '' : ` ${Math.round(t.duration_ms / 100) / 10}s`}${t.status === 'error' ? ' ERROR' : ''}`).join('\n')}${context.trace.length > 40 ? `\n(${context.trace.length - 40} more spans)` : ''}` : '',
    context.failing.length > 0 ? `Failing spans:\n${context.failing.map((f) => `- ${f.path.join(' > ')}: ${f.result}${f.error_type ? ` (${f.error_type})` : ''}`).join('\n')}` : '',
    ...context.logs.filter((l) => l.node_id === null || focus.has(l.node_id)).map((excerpt) =>
      `Log of ${excerpt.node_id ? `stage "${excerpt.node_id}"` : 'the run'}${excerpt.omitted > 0 ? ` (${excerpt.omitted} earlier lines left out)` : ''}:\n`
      + excerpt.lines.map((l) => `[${l.level}] ${l.message}`).join('\n')),
    `Recent history of the same stages:\n${historyLines(input.nodes, input.history, focus).join('\n')}`,
    `Rule-based findings:\n${insight.findings.length > 0 ? insight.findings.map((f) => `- (${f.severity}) ${f.message}`).join('\n') : '- none'}`,
  ].filter((s) => s !== '')
  let user = redact(sections.join('\n\n'), known)
  if (user.length > MAX_PROMPT_CHARS) user = `${user.slice(0, MAX_PROMPT_CHARS - 40)}\n… (context cut to fit)`
  return [{ role: 'system', content: SYSTEM }, { role: 'user', content: user }]
}

/** A prompt from a system brief and sections of context, redacted and bounded like the run prompt. */
export function buildPrompt(system: string, sections: string[], known: readonly string[] = []): ChatMessage[] {
  let user = redact(sections.filter((s) => s !== '').join('\n\n'), known)
  if (user.length > MAX_PROMPT_CHARS) user = `${user.slice(0, MAX_PROMPT_CHARS - 40)}\n… (context cut to fit)`
  return [{ role: 'system', content: system }, { role: 'user', content: user }]
}

/** The findings as prompt lines. */
export const findingLines = (insight: RunInsight) =>
  `Rule-based findings:\n${insight.findings.length > 0 ? insight.findings.map((f) => `- (${f.severity}) ${f.message}`).join('\n') : '- none'}`
