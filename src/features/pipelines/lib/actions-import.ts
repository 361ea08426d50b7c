import { isMap, isScalar, LineCounter, parseDocument, type Document, type Node as YamlNode, type Pair } from 'yaml'
import type { CodeError, CodePipeline } from './pipeline-yaml.ts'

/**
 * A GitHub Actions workflow file → a pipeline graph. Each job becomes a node (a matrix job one node per
 * combination), `needs` become edges (`if: failure()` / `always()` set the edge's condition), a job with an
 * `environment` becomes a deploy to it (behind an approval when that environment is protected here), a job that
 * calls a reusable workflow runs that workflow, and every other job runs through the GitHub-workflow executor
 * with `inputs.opzenix_job` naming it. Whatever has no place in the graph is reported by name and line.
 */
export interface ImportOptions {
  /** owner/name of the repository the workflow lives in. */
  repository: string
  /** The workflow's path in that repository, e.g. .github/workflows/ci.yml. */
  workflowPath: string
  /** The project's environments: which exist, and which need approvals. */
  environments?: ReadonlyArray<{ key: string; display_name?: string; required_approvals: number }>
}

export interface ImportResult {
  ok: true
  pipeline: CodePipeline
  /** What the graph does not carry over, each with its line in the workflow. */
  notes: CodeError[]
}

export const MAX_MATRIX = 32
const COLUMN = 240
const ROW = 110

const JOB_KEYS_CARRIED = new Set(['name', 'needs', 'if', 'environment', 'strategy', 'runs-on', 'steps', 'uses', 'with', 'timeout-minutes'])
const TOP_KEYS_CARRIED = new Set(['name', 'on', 'true', 'jobs'])

type Kind = 'build' | 'test' | 'security_scan'
const kindOf = (id: string, name: string): Kind => {
  const text = `${id} ${name}`.toLowerCase()
  if (/lint|scan|codeql|security|trivy|snyk|audit|sast|sbom|secret|vuln/.test(text)) return 'security_scan'
  if (/test|spec|e2e|unit|integration|check|verify/.test(text)) return 'test'
  return 'build'
}

const envKey = (name: string) => name.trim().toLowerCase().replace(/[^a-z0-9_-]+/g, '-').replace(/^-+|-+$/g, '') || 'environment'

/** A job's nodes: where its incoming edges land, and where the edges to jobs needing it leave from. */
interface JobNodes { entries: string[]; tails: string[] }

export function importWorkflow(text: string, options: ImportOptions): ImportResult | { ok: false; errors: CodeError[] } {
  const lineCounter = new LineCounter()
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false, merge: true })
  const lineOf = (node: YamlNode | Pair | null | undefined) => {
    const range = (node as { range?: [number, number, number] } | null)?.range ?? ((node as Pair | null)?.key as YamlNode | undefined)?.range
    return range ? lineCounter.linePos(range[0]).line : 1
  }
  if (doc.errors.length > 0) {
    return { ok: false, errors: doc.errors.map((e) => ({ line: e.linePos?.[0].line ?? 1, message: e.message.split('\n')[0]! })) }
  }
  if (!/^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/.test(options.repository)) {
    return { ok: false, errors: [{ line: 1, message: 'Name the repository as owner/name' }] }
  }
  const root = doc.contents
  if (!isMap(root)) return { ok: false, errors: [{ line: 1, message: 'A workflow is a mapping with `on` and `jobs`' }] }
  const jobsNode = doc.get('jobs', true)
  if (!isMap(jobsNode) || jobsNode.items.length === 0) {
    return { ok: false, errors: [{ line: lineOf(jobsNode as YamlNode) , message: 'The workflow has no jobs' }] }
  }

  const notes: CodeError[] = []
  const note = (at: YamlNode | Pair | null | undefined, message: string) => notes.push({ line: lineOf(at), message })
  /** The pair for `key` in a map node (its line is the key's), or the map itself. */
  const pairIn = (map: unknown, key: string): Pair | YamlNode | undefined =>
    isMap(map) ? map.items.find((p) => String((p.key as { value?: unknown }).value) === key) ?? map : (map as YamlNode | undefined)
  for (const pair of root.items) {
    const key = String((pair.key as { value?: unknown }).value)
    if (!TOP_KEYS_CARRIED.has(key)) note(pair, `\`${key}\` is not carried over: the graph has no place for it`)
  }
  const onNode = doc.get('on', true) ?? doc.get(true, true)
  const branch = triggerBranch(doc, (trigger, message) => note(pairIn(onNode, trigger) ?? pairIn(root, 'on'), message))
  // Values as a YAML reader sees them: anchors, aliases and merge keys resolved.
  const resolved = (doc.toJS({ maxAliasCount: 1000 }) as { jobs?: Record<string, Record<string, unknown>> }).jobs ?? {}

  const environments = new Map((options.environments ?? []).map((e) => [e.key, e]))
  const byName = new Map((options.environments ?? []).filter((e) => e.display_name).map((e) => [envKey(e.display_name!), e.key]))
  const nodes: CodePipeline['nodes'] = [{ id: 'source', kind: 'source', label: 'Source', position: { x: 0, y: 0 }, config: { repository: options.repository, branch } }]
  const edges: CodePipeline['edges'] = []
  const jobNodes = new Map<string, JobNodes>()
  const pending: Array<{ jobId: string; needs: string[]; on: 'success' | 'failure' | 'always'; line: number }> = []
  const taken = new Set(['source'])
  const uniqueId = (wanted: string) => {
    let id = wanted
    for (let n = 2; taken.has(id); n++) id = `${wanted}-${n}`
    taken.add(id)
    return id
  }

  for (const pair of jobsNode.items) {
    const jobId = String((pair.key as { value?: unknown }).value)
    const job = pair.value
    const spec = resolved[jobId]
    if (!isMap(job) || !spec || typeof spec !== 'object') { note(pair, `jobs.${jobId} is not a mapping; left out`); continue }
    // A key that came in through a merge (<<: *defaults) has its line at the merge.
    const at = (key: string) => { const found = pairIn(job, key); return found === job ? pairIn(job, '<<') : found }
    const js = (key: string) => spec[key]
    for (const key of Object.keys(spec)) {
      if (!JOB_KEYS_CARRIED.has(key)) note(at(key), `jobs.${jobId}.${key} is not carried over`)
    }
    const label = typeof js('name') === 'string' ? String(js('name')) : jobId

    const condition = conditionOf(js('if'))
    if (condition.unsupported) note(at('if'), `jobs.${jobId}.if: "${condition.unsupported}" is not carried over; the job runs when what it needs succeeded`)

    const environment = environmentOf(js('environment'))
    const uses = typeof js('uses') === 'string' ? String(js('uses')) : undefined
    const timeout = Number(js('timeout-minutes'))
    const executor = (inputs: Record<string, string>) => ({
      type: 'github_workflow',
      ...(uses ? reusable(uses, options.repository) : { workflow: options.workflowPath }),
      inputs,
      ...(Number.isInteger(timeout) && timeout > 0 ? { timeout_minutes: timeout } : {}),
    })
    if (uses && !reusable(uses, options.repository).workflow) note(at('uses'), `jobs.${jobId}.uses: "${uses}" is not a workflow file; the job dispatches ${options.workflowPath} instead`)
    const withInputs = js('with')
    const inputs: Record<string, string> = {}
    if (uses && withInputs && typeof withInputs === 'object') {
      for (const [k, v] of Object.entries(withInputs)) inputs[k] = typeof v === 'string' ? v : JSON.stringify(v)
    }

    let entries: string[] = []
    let tails: string[] = []
    if (environment) {
      const key = environments.has(envKey(environment)) ? envKey(environment) : byName.get(envKey(environment)) ?? envKey(environment)
      if (js('steps')) note(at('steps'), `jobs.${jobId}.steps: the job becomes an Opzenix deploy to ${key}; its steps do not run`)
      const deploy = uniqueId(jobId)
      const approvals = environments.get(key)?.required_approvals ?? 0
      if (approvals > 0) {
        // A protected environment is deployed to only behind a gate, as the rules require.
        const gate = uniqueId(`${jobId}-approval`)
        nodes.push({ id: gate, kind: 'approval', label: `Approve ${label}`, position: { x: 0, y: 0 }, config: { environment: key, required_approvals: approvals } })
        edges.push({ source: gate, target: deploy, on: 'success' })
        entries = [gate]
      } else {
        entries = [deploy]
      }
      nodes.push({ id: deploy, kind: 'deploy', label, position: { x: 0, y: 0 }, config: { environment: key } })
      tails = [deploy]
    } else {
      const matrixAt = pairIn(job.get('strategy', true), 'matrix')
      const combos = matrixOf((js('strategy') as { matrix?: unknown } | undefined)?.matrix, (m) => note(matrixAt, `jobs.${jobId}.strategy.matrix: ${m}`))
      const kind = kindOf(jobId, label)
      if (combos.length <= 1) {
        const id = uniqueId(jobId)
        nodes.push({ id, kind, label, position: { x: 0, y: 0 }, config: { executor: executor(uses ? inputs : { opzenix_job: jobId }) } })
        entries = [id]
      } else {
        entries = combos.map((combo, i) => {
          const id = uniqueId(`${jobId}-${i + 1}`)
          const values = Object.values(combo).map((v) => (typeof v === 'string' ? v : JSON.stringify(v))).join(', ')
          const matrixInputs = uses ? withMatrix(inputs, combo) : { opzenix_job: jobId, opzenix_matrix: JSON.stringify(combo) }
          nodes.push({ id, kind, label: `${label} (${values})`, position: { x: 0, y: 0 }, config: { executor: executor(matrixInputs) } })
          return id
        })
      }
      tails = entries
    }
    jobNodes.set(jobId, { entries, tails })
    pending.push({ jobId, needs: needsOf(js('needs')), on: condition.on, line: lineOf(at('needs')) })
  }

  // Edges: from every node of each job needed to every entry node of the job; jobs needing nothing start at the source.
  for (const { jobId, needs, on, line } of pending) {
    const { entries } = jobNodes.get(jobId)!
    const sources: string[] = []
    for (const need of needs) {
      const needed = jobNodes.get(need)
      if (!needed) { notes.push({ line, message: `jobs.${jobId}.needs: "${need}" is not a job of this workflow` }); continue }
      sources.push(...needed.tails)
    }
    for (const target of entries) {
      if (sources.length === 0) edges.push({ source: 'source', target, on: 'success' })
      for (const source of sources) edges.push({ source, target, on })
    }
  }

  layOut(nodes, edges)
  const name = typeof doc.get('name') === 'string' ? String(doc.get('name')) : options.workflowPath.split('/').pop()!.replace(/\.ya?ml$/, '')
  return { ok: true, pipeline: { name, type: 'cicd', nodes, edges }, notes: notes.sort((a, b) => a.line - b.line) }
}

/** A reusable workflow's inputs with `${{ matrix.key }}` filled in for one combination. */
function withMatrix(inputs: Record<string, string>, combo: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(Object.entries(inputs).map(([k, v]) => [k, v.replace(/\$\{\{\s*matrix\.([\w-]+)\s*\}\}/g, (whole, key: string) =>
    key in combo ? (typeof combo[key] === 'string' ? combo[key] as string : JSON.stringify(combo[key])) : whole)]))
}

function needsOf(value: unknown): string[] {
  if (typeof value === 'string') return [value]
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []
}

function environmentOf(value: unknown): string | undefined {
  if (typeof value === 'string' && value.trim()) return value.includes('${{') ? undefined : value
  if (value && typeof value === 'object' && typeof (value as { name?: unknown }).name === 'string') return environmentOf((value as { name: string }).name)
  return undefined
}

/** `if:` → the condition of the job's incoming edges, or what could not be carried over. */
function conditionOf(value: unknown): { on: 'success' | 'failure' | 'always'; unsupported?: string } {
  if (value === undefined || value === null) return { on: 'success' }
  const text = String(value).replace(/^\$\{\{\s*|\s*\}\}$/g, '').trim()
  if (text === 'failure()') return { on: 'failure' }
  if (text === 'always()') return { on: 'always' }
  if (text === 'success()' || text === '') return { on: 'success' }
  return { on: 'success', unsupported: String(value) }
}

/** `uses:` of a reusable workflow → the repository and file the executor dispatches. */
function reusable(uses: string, repository: string): { repository?: string; workflow?: string; ref?: string } {
  const local = /^\.\/(\.github\/workflows\/[^@\s]+\.ya?ml)$/.exec(uses)
  if (local) return { workflow: local[1] }
  const remote = /^([A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+)\/(\.github\/workflows\/[^@\s]+\.ya?ml)@(\S+)$/.exec(uses)
  if (remote) return { ...(remote[1] === repository ? {} : { repository: remote[1] }), workflow: remote[2], ref: remote[3] }
  return {}
}

/** The combinations of a matrix (keys × values, then include / exclude), or one when it is not a plain matrix. */
function matrixOf(value: unknown, note: (message: string) => void): Array<Record<string, unknown>> {
  if (value === undefined) return [{}]
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    note(`"${String(value)}" is computed when the workflow runs; the job stays one node`)
    return [{}]
  }
  const matrix = value as Record<string, unknown>
  const axes = Object.entries(matrix).filter(([k]) => k !== 'include' && k !== 'exclude')
  for (const [k, v] of axes) {
    if (!Array.isArray(v)) {
      note(`${k}: "${String(v)}" is computed when the workflow runs; the job stays one node`)
      return [{}]
    }
  }
  let combos: Array<Record<string, unknown>> = [{}]
  for (const [k, values] of axes as Array<[string, unknown[]]>) combos = combos.flatMap((c) => values.map((v) => ({ ...c, [k]: v })))
  if (axes.length === 0) combos = []
  const matches = (combo: Record<string, unknown>, pattern: Record<string, unknown>) =>
    Object.entries(pattern).every(([k, v]) => JSON.stringify(combo[k]) === JSON.stringify(v))
  if (Array.isArray(matrix.exclude)) combos = combos.filter((c) => !(matrix.exclude as Record<string, unknown>[]).some((p) => matches(c, p)))
  if (Array.isArray(matrix.include)) {
    for (const extra of matrix.include as Record<string, unknown>[]) {
      const axisKeys = axes.map(([k]) => k)
      const onAxes = Object.fromEntries(Object.entries(extra).filter(([k]) => axisKeys.includes(k)))
      const extended = combos.filter((c) => Object.keys(onAxes).length > 0 && matches(c, onAxes))
      if (extended.length > 0 && Object.keys(onAxes).length === axisKeys.length) extended.forEach((c) => Object.assign(c, extra))
      else combos.push({ ...extra })
    }
  }
  if (combos.length > MAX_MATRIX) {
    note(`${combos.length} combinations, more than ${MAX_MATRIX}; the job stays one node`)
    return [{}]
  }
  return combos.length === 0 ? [{}] : combos
}

/** `on.push.branches[0]` when the workflow runs on pushes to named branches; other triggers are reported. */
function triggerBranch(doc: Document, note: (trigger: string, message: string) => void): string {
  // `on` is read by YAML 1.1 parsers as true; both spellings are accepted.
  const on = (doc.get('on', true) ?? doc.get(true, true)) as YamlNode | undefined
  const value = (on as { toJSON?: () => unknown } | undefined)?.toJSON?.() ?? (on as { value?: unknown } | undefined)?.value
  const triggers = typeof value === 'string' ? [value] : Array.isArray(value) ? value.map(String) : value && typeof value === 'object' ? Object.keys(value) : []
  for (const trigger of triggers) {
    if (trigger !== 'push' && trigger !== 'workflow_dispatch') note(trigger, `on.${trigger}: Opzenix starts runs from pushes to mapped branches and by hand; this trigger is not carried over`)
  }
  const branches = value && typeof value === 'object' && !Array.isArray(value) ? (value as { push?: { branches?: unknown } }).push?.branches : undefined
  const first = Array.isArray(branches) ? branches.find((b): b is string => typeof b === 'string' && !/[*?[\]!]/.test(b)) : undefined
  return first ?? 'main'
}

/** Columns by the longest path from the source, rows in order within a column. */
function layOut(nodes: CodePipeline['nodes'], edges: CodePipeline['edges']) {
  const depth = new Map<string, number>([['source', 0]])
  for (let changed = true, rounds = 0; changed && rounds < nodes.length; rounds++) {
    changed = false
    for (const e of edges) {
      const d = (depth.get(e.source) ?? 0) + 1
      if (d > (depth.get(e.target) ?? 0)) { depth.set(e.target, d); changed = true }
    }
  }
  const rows = new Map<number, number>()
  for (const node of nodes) {
    const column = depth.get(node.id) ?? 0
    const row = rows.get(column) ?? 0
    rows.set(column, row + 1)
    node.position = { x: column * COLUMN, y: row * ROW }
  }
}
