import { configSchemas, isNodeKind, nodeEnvironment, type NodeKind } from './kinds.ts'
import { mayFollow } from './follow-rules.ts'
import { adjacency, ancestors, findCycles, reachable } from './graph-walk.ts'
import { PREREQUISITES, SCANNING_KINDS, TESTING_KINDS } from './flow-types.ts'

export type IssueSeverity = 'error' | 'warning'

/** One problem found in a pipeline graph; the builder highlights `nodeIds`. */
export interface GraphIssue {
  severity: IssueSeverity
  code: IssueCode
  message: string
  nodeIds: string[]
}

export type IssueCode =
  | 'missing_source' | 'missing_deploy' | 'duplicate_node_id' | 'unknown_kind' | 'invalid_config'
  | 'dangling_edge' | 'duplicate_edge' | 'cycle' | 'orphan_node' | 'unreachable_node' | 'source_has_input'
  | 'invalid_successor' | 'unknown_environment' | 'unapproved_protected_deploy'
  | 'missing_prerequisite' | 'no_test' | 'no_security_scan' | 'no_checkpoint'

/** An environment as the rules need it; protected = required approvals above zero. */
export interface EnvironmentRule {
  key: string
  required_approvals: number
}

/** What the editor holds: possibly invalid, so kinds and configs are checked rather than trusted. */
export interface GraphInput {
  nodes: ReadonlyArray<{ id: string; kind: string; config?: unknown }>
  edges: ReadonlyArray<{ source: string; target: string; on?: string }>
}

export interface ValidateOptions {
  /** Known environments; when given, deploys must name one of them and protected ones need a gate. */
  environments?: readonly EnvironmentRule[]
}

/** Checks every rule and returns the issues found, errors first; an empty list means the pipeline may run. */
export function validateGraph(graph: GraphInput, options: ValidateOptions = {}): GraphIssue[] {
  const issues: GraphIssue[] = []
  const add = (severity: IssueSeverity, code: IssueCode, message: string, nodeIds: string[]) =>
    issues.push({ severity, code, message, nodeIds })

  const kinds = new Map<string, NodeKind>()
  for (const node of graph.nodes) {
    if (kinds.has(node.id)) add('error', 'duplicate_node_id', `Two nodes share the id "${node.id}".`, [node.id])
    if (!isNodeKind(node.kind)) {
      add('error', 'unknown_kind', `Node "${node.id}" has an unknown kind "${node.kind}".`, [node.id])
      continue
    }
    kinds.set(node.id, node.kind)
    const parsed = configSchemas[node.kind].safeParse(node.config ?? {})
    if (!parsed.success) {
      const detail = parsed.error.issues.map((i) => `${i.path.join('.') || 'config'}: ${i.message}`).join('; ')
      add('error', 'invalid_config', `Node "${node.id}" is misconfigured (${detail}).`, [node.id])
    }
  }
  const ids = [...kinds.keys()]
  const ofKind = (kind: NodeKind) => ids.filter((id) => kinds.get(id) === kind)
  const sources = ofKind('source')
  const deploys = ofKind('deploy')
  if (sources.length === 0) add('error', 'missing_source', 'A pipeline needs a source.', [])
  if (deploys.length === 0) add('error', 'missing_deploy', 'A pipeline needs at least one deploy.', [])

  const edges = checkEdges(graph, kinds, add)
  const { out, in: inc } = adjacency(ids, edges)

  for (const cycle of findCycles(ids, edges)) {
    add('error', 'cycle', `These nodes form a cycle: ${cycle.join(' → ')}.`, cycle)
  }
  for (const id of sources) {
    if (inc.get(id)!.length > 0) add('error', 'source_has_input', `Source "${id}" cannot have incoming edges.`, [id])
  }

  const connected = (id: string) => out.get(id)!.length + inc.get(id)!.length > 0
  const fromSources = reachable(sources, out)
  for (const id of ids) {
    if (ids.length > 1 && !connected(id)) {
      add('error', 'orphan_node', `Node "${id}" is not connected to anything.`, [id])
    } else if (sources.length > 0 && !fromSources.has(id)) {
      add('error', 'unreachable_node', `Node "${id}" cannot be reached from a source.`, [id])
    }
  }

  checkEnvironments(graph, sources, out, options, add)
  checkPrerequisites(ids, kinds, inc, add)

  const anyOf = (list: readonly NodeKind[]) => list.some((kind) => ofKind(kind).length > 0)
  if (!anyOf(TESTING_KINDS)) add('warning', 'no_test', 'The pipeline runs no tests.', [])
  if (!anyOf(SCANNING_KINDS)) add('warning', 'no_security_scan', 'The pipeline has no security scan.', [])
  if (ofKind('checkpoint').length === 0) {
    add('warning', 'no_checkpoint', 'Without a checkpoint a failed run can only be rerun from the start.', [])
  }
  return [...issues.filter((i) => i.severity === 'error'), ...issues.filter((i) => i.severity === 'warning')]
}

/** True when no issue is an error. */
export function isRunnable(issues: readonly GraphIssue[]): boolean {
  return issues.every((i) => i.severity !== 'error')
}

type Add = (severity: IssueSeverity, code: IssueCode, message: string, nodeIds: string[]) => void

function checkEdges(graph: GraphInput, kinds: Map<string, NodeKind>, add: Add) {
  const seen = new Set<string>()
  const valid: { source: string; target: string }[] = []
  for (const e of graph.edges) {
    if (!kinds.has(e.source) || !kinds.has(e.target)) {
      const missing = [e.source, e.target].filter((id) => !kinds.has(id))
      add('error', 'dangling_edge', `An edge points at missing node ${missing.map((m) => `"${m}"`).join(' and ')}.`,
        [e.source, e.target].filter((id) => kinds.has(id)))
      continue
    }
    const key = `${e.source}\u0000${e.target}`
    if (seen.has(key)) {
      add('error', 'duplicate_edge', `"${e.source}" is connected to "${e.target}" twice.`, [e.source, e.target])
      continue
    }
    seen.add(key)
    valid.push(e)
    const from = kinds.get(e.source)!
    const to = kinds.get(e.target)!
    if (!mayFollow(from, to)) {
      add('error', 'invalid_successor', `A ${label(to)} cannot follow a ${label(from)} ("${e.source}" → "${e.target}").`,
        [e.source, e.target])
    }
  }
  return valid
}

function checkEnvironments(graph: GraphInput, sources: string[], out: Map<string, string[]>, options: ValidateOptions, add: Add) {
  if (!options.environments) return
  const required = new Map(options.environments.map((env) => [env.key, env.required_approvals]))
  for (const node of graph.nodes) {
    if (node.kind !== 'deploy' && node.kind !== 'rollback') continue
    const env = nodeEnvironment(node)
    if (env === undefined) continue
    if (!required.has(env)) {
      add('error', 'unknown_environment', `Node "${node.id}" targets unknown environment "${env}".`, [node.id])
      continue
    }
    if (node.kind !== 'deploy' || required.get(env)! <= 0) continue
    // A path that avoids every gate for this environment reaches the deploy unapproved.
    const gates = new Set(graph.nodes.filter((n) => n.kind === 'approval' && gatesEnvironment(n, env)).map((n) => n.id))
    if (reachable(sources, out, gates).has(node.id)) {
      add('error', 'unapproved_protected_deploy',
        `Deploy "${node.id}" to protected environment "${env}" needs an approval gate on every path before it.`, [node.id])
    }
  }
}

/** Stages that only make sense after another (flow-types.ts PREREQUISITES) need one of those upstream. */
function checkPrerequisites(ids: string[], kinds: Map<string, NodeKind>, inc: Map<string, string[]>, add: Add) {
  for (const id of ids) {
    const kind = kinds.get(id)!
    const needed = PREREQUISITES[kind]
    if (!needed) continue
    const upstream = [...ancestors(id, inc)].map((a) => kinds.get(a))
    if (upstream.some((k) => k !== undefined && needed.includes(k))) continue
    add('error', 'missing_prerequisite',
      `${/^[aeiou]/.test(label(kind)) ? 'An' : 'A'} ${label(kind)} needs a ${needed.map(label).join(' or ')} before it ("${id}").`, [id])
  }
}

/** An approval gate without an environment gates whatever follows it; one with an environment only that one. */
function gatesEnvironment(node: { kind: string; config?: unknown }, env: string): boolean {
  const gated = nodeEnvironment(node)
  return gated === undefined || gated === env
}

function label(kind: NodeKind): string {
  return kind.replaceAll('_', ' ')
}
