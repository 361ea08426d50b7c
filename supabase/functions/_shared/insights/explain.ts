// explain-config without a model: what a pipeline or an environment's configuration does, in sentences, and
// what in it is risky (the config lint plus the builder's own warnings). Pure: the caller reads the rows.
import type { Finding, RunInsight } from './analyzer.ts'
import { lintConfig, type LintEnvironment } from './config-lint.ts'
import { OFFLINE_ANALYZER } from './offline.ts'
import { validateGraph, type GraphInput } from '../pipeline/graph.ts'
import { nodeEnvironment } from '../pipeline/kinds.ts'
import { describeChange, diffConfigs, type ConfigSnapshot } from '../environments/diff.ts'
import type { SecretRef } from '../environments/secrets.ts'

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`

/** One node in words: "deploy to prod", "approval for prod", "build". */
function nodeWords(node: GraphInput['nodes'][number]): string {
  const env = nodeEnvironment(node)
  const kind = node.kind.replace('_', ' ')
  const label = node.id === node.kind ? kind : `${kind} ${node.id}`
  if (node.kind === 'deploy' || node.kind === 'rollback') return `${label} to ${env ?? 'an unnamed environment'}`
  if (node.kind === 'approval') return `${label}${env ? ` for ${env}` : ''}`
  return label
}

/** The nodes in the order a run reaches them (breadth-first from the sources), each once. */
export function pipelineOrder(graph: GraphInput): string[] {
  const targets = new Set(graph.edges.map((e) => e.target))
  const queue = graph.nodes.filter((n) => !targets.has(n.id)).map((n) => n.id)
  const seen = new Set<string>()
  while (queue.length > 0) {
    const id = queue.shift()!
    if (seen.has(id)) continue
    seen.add(id)
    for (const e of graph.edges) if (e.source === id) queue.push(e.target)
  }
  for (const n of graph.nodes) seen.add(n.id)
  return [...seen]
}

export function explainPipelineOffline(name: string, graph: GraphInput, environments: LintEnvironment[]): RunInsight {
  const byId = new Map(graph.nodes.map((n) => [n.id, n]))
  const steps = pipelineOrder(graph).map((id) => nodeWords(byId.get(id)!))
  const onFailure = graph.edges.filter((e) => e.on === 'failure').map((e) => `${e.target} runs if ${e.source} fails`)
  const summary = `Pipeline "${name}" runs ${steps.join(' → ')}${onFailure.length > 0 ? `; ${onFailure.join('; ')}` : ''}.`
  const findings: Finding[] = lintConfig(graph, environments).map((l) => ({
    kind: 'config_lint', severity: l.severity, message: l.message, ...(l.node_id ? { node_id: l.node_id } : {}), evidence: { code: l.code },
  }))
  for (const issue of validateGraph(graph, { environments })) {
    if (issue.code === 'unapproved_protected_deploy' && findings.some((f) => f.node_id === issue.nodeIds[0])) continue
    findings.push({ kind: 'config_lint', severity: issue.severity === 'error' ? 'critical' : 'info', message: issue.message, evidence: { code: issue.code } })
  }
  return { summary, findings, analyzer: OFFLINE_ANALYZER }
}

export interface EnvironmentConfigInput {
  key: string
  tier: string
  required_approvals: number
  variables: Record<string, unknown>
  secrets: SecretRef[]
  /** The two latest saved versions, newest first, for "what changed". */
  versions: Array<{ version: number; reason: string } & ConfigSnapshot>
}

export function explainEnvironmentOffline(env: EnvironmentConfigInput): RunInsight {
  const approvals = env.required_approvals > 0 ? `${plural(env.required_approvals, 'approval')} before a deploy` : 'no approval before a deploy'
  const parts = [`Environment "${env.key}" (${env.tier} tier) needs ${approvals}; it has ${plural(Object.keys(env.variables).length, 'plain variable')} and ${plural(env.secrets.length, 'secret reference')}.`]
  const [latest, previous] = env.versions
  if (latest && previous) {
    const changes = diffConfigs(previous, latest)
    parts.push(`Version ${latest.version} ("${latest.reason}") ${changes.length === 0 ? 'changed nothing' : `changed: ${changes.map(describeChange).join('; ')}`}.`)
  }
  const findings: Finding[] = lintConfig({ nodes: [], edges: [] }, [env]).map((l) => ({ kind: 'config_lint', severity: l.severity, message: l.message, evidence: { code: l.code } }))
  if (env.tier === 'production' && env.required_approvals === 0) {
    findings.unshift({ kind: 'config_lint', severity: 'critical', message: `Production environment "${env.key}" requires no approval: any operator's run deploys straight to it.`, evidence: { code: 'unapproved_production' } })
  }
  return { summary: parts.join(' '), findings, analyzer: OFFLINE_ANALYZER }
}
