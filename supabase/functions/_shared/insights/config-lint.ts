// Config lint: what in a pipeline and its environments is risky even when it runs. Reuses the builder's graph
// rules (a production tier counts as protected whatever its approval count) and the environments' secret
// detection, so the analyzer and the editors never disagree about what a secret looks like.
import { validateGraph, type GraphInput } from '../pipeline/graph.ts'
import { nodeEnvironment } from '../pipeline/kinds.ts'
import { variableRefusal } from '../environments/secrets.ts'

export interface LintEnvironment {
  key: string
  tier: string
  required_approvals: number
  variables: Record<string, unknown>
}

export type LintCode = 'unapproved_production_deploy' | 'no_rollback_path' | 'secret_in_plain_variable'

export interface LintFinding {
  code: LintCode
  severity: 'warning' | 'critical'
  message: string
  node_id?: string
  environment?: string
  variable?: string
}

const FAILURE_EDGES = new Set(['failure', 'always'])

export function lintConfig(graph: GraphInput, environments: LintEnvironment[]): LintFinding[] {
  const findings: LintFinding[] = []
  const production = new Set(environments.filter((e) => e.tier === 'production').map((e) => e.key))

  const rules = environments.map((e) => ({ key: e.key, required_approvals: production.has(e.key) ? Math.max(1, e.required_approvals) : e.required_approvals }))
  for (const issue of validateGraph(graph, { environments: rules })) {
    if (issue.code !== 'unapproved_protected_deploy') continue
    const node = graph.nodes.find((n) => n.id === issue.nodeIds[0])
    const env = node ? nodeEnvironment(node) : undefined
    if (!env || !production.has(env)) continue
    findings.push({
      code: 'unapproved_production_deploy', severity: 'critical', node_id: node!.id, environment: env,
      message: `Deploy "${node!.id}" reaches production environment "${env}" on a path with no approval gate.`,
    })
  }

  for (const node of graph.nodes) {
    const env = node.kind === 'deploy' ? nodeEnvironment(node) : undefined
    if (!env || !production.has(env)) continue
    const rollbackNode = graph.nodes.some((n) => n.kind === 'rollback' && nodeEnvironment(n) === env)
    const onFailure = graph.edges.some((e) => e.source === node.id && FAILURE_EDGES.has(e.on ?? ''))
    if (rollbackNode || onFailure) continue
    findings.push({
      code: 'no_rollback_path', severity: 'warning', node_id: node.id, environment: env,
      message: `Deploy "${node.id}" to "${env}" has no rollback path: no rollback node for "${env}" and nothing runs when it fails.`,
    })
  }

  for (const environment of environments) {
    for (const name of Object.keys(environment.variables).sort()) {
      const refusal = variableRefusal(name, environment.variables[name])
      if (!refusal || !refusal.includes('looks like a secret')) continue
      findings.push({
        code: 'secret_in_plain_variable', severity: 'critical', environment: environment.key, variable: name,
        message: `Environment "${environment.key}": ${refusal}`,
      })
    }
  }
  return findings
}
