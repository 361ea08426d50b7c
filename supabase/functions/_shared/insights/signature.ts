// Failure clustering: a log line's signature is the line with what changes from run to run (ids, numbers,
// hashes, paths, quoted values, timestamps) replaced by placeholders, so the same failure in two runs groups
// together while different failures stay apart.

type Replacement = string | ((match: string) => string)

const RULES: Array<[RegExp, Replacement]> = [
  [/\b\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:?\d{2})?\b/g, '<time>'],
  [/\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi, '<id>'],
  [/\b[0-9a-f]{7,64}\b/gi, (match) => (/\d/.test(match) && /[a-f]/i.test(match) ? '<hash>' : match)],
  [/(["'`])(?:(?!\1).){1,200}\1/g, '<str>'],
  [/(?:[A-Za-z]:)?(?:[\w.-]*\/)+[\w.-]+/g, '<path>'],
  [/\b0x[0-9a-f]+\b/gi, '<hex>'],
  [/\d+(?:\.\d+)*/g, '<n>'],
  [/\s+/g, ' '],
]

/** The line with its varying parts replaced (`Timeout after <n>ms connecting to <path>`). */
export function logSignature(message: string): string {
  let out = message.trim().toLowerCase()
  for (const [pattern, replacement] of RULES) {
    out = typeof replacement === 'string' ? out.replace(pattern, replacement) : out.replace(pattern, replacement)
  }
  return out.trim().slice(0, 300)
}

export interface FailedStage {
  execution_id: string
  node_id: string
  /** The stage's error and warning lines (or its last lines when none is marked). */
  lines: string[]
}

export interface FailureCluster {
  signature: string
  /** An original line of the cluster, for display. */
  example: string
  executions: string[]
  nodes: string[]
}

/** The first error-looking line of a failed stage, or its last line: what the stage failed with. */
export function failureLine(lines: string[]): string | null {
  const loud = lines.find((l) => /\b(error|fatal|failed|failure|exception|panic|timeout|timed out|refused)\b/i.test(l))
  return loud ?? lines.at(-1) ?? null
}

/** Groups failed stages by the signature of the line each failed with, largest cluster first. */
export function clusterFailures(failures: FailedStage[]): FailureCluster[] {
  const clusters = new Map<string, FailureCluster>()
  for (const failure of failures) {
    const line = failureLine(failure.lines)
    if (line === null) continue
    const signature = logSignature(line)
    const cluster = clusters.get(signature) ?? { signature, example: line, executions: [], nodes: [] }
    if (!cluster.executions.includes(failure.execution_id)) cluster.executions.push(failure.execution_id)
    if (!cluster.nodes.includes(failure.node_id)) cluster.nodes.push(failure.node_id)
    clusters.set(signature, cluster)
  }
  return [...clusters.values()].sort((a, b) => b.executions.length - a.executions.length || a.signature.localeCompare(b.signature))
}
