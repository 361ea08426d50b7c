// Rules over a stage's own history (the same node of earlier runs of the same pipeline): flaky stages (pass and
// fail on the same commit) and duration regressions (much slower than the stage usually is).
import { mad, median } from './stats.ts'

/** One run of one stage, from execution_nodes joined with its execution. */
export interface StageRun {
  execution_id: string
  node_id: string
  name: string
  status: string
  commit_sha: string | null
  duration_ms: number | null
  finished_at: string | null
}

export interface FlakyStage {
  node_id: string
  name: string
  commit_sha: string
  successes: number
  failures: number
  /** How many times the outcome changed from one run to the next, oldest first. */
  flips: number
}

const PASSED = new Set(['success', 'warning'])
const FAILED = new Set(['failed'])
const when = (run: StageRun) => (run.finished_at ? Date.parse(run.finished_at) : Number.POSITIVE_INFINITY)

/** Stages that both passed and failed on one commit: the code did not change, the outcome did. */
export function flakyStages(runs: StageRun[]): FlakyStage[] {
  const groups = new Map<string, StageRun[]>()
  for (const run of runs) {
    if (!run.commit_sha || !(PASSED.has(run.status) || FAILED.has(run.status))) continue
    const key = `${run.node_id}\u0000${run.commit_sha}`
    groups.set(key, [...(groups.get(key) ?? []), run])
  }
  const out: FlakyStage[] = []
  for (const group of groups.values()) {
    const ordered = [...group].sort((a, b) => when(a) - when(b))
    const failures = ordered.filter((r) => FAILED.has(r.status)).length
    const successes = ordered.length - failures
    if (failures === 0 || successes === 0) continue
    let flips = 0
    for (let i = 1; i < ordered.length; i++) if (FAILED.has(ordered[i].status) !== FAILED.has(ordered[i - 1].status)) flips++
    out.push({ node_id: ordered[0].node_id, name: ordered.at(-1)!.name, commit_sha: ordered[0].commit_sha!, successes, failures, flips })
  }
  return out.sort((a, b) => b.flips - a.flips || a.node_id.localeCompare(b.node_id))
}

export interface DurationRegression {
  node_id: string
  name: string
  duration_ms: number
  /** The median duration of the stage's earlier finished runs. */
  baseline_ms: number
  samples: number
  /** duration / baseline. */
  ratio: number
}

export const MIN_SAMPLES = 5

/**
 * Whether `current` took much longer than its stage's history: at least MIN_SAMPLES earlier finished runs, at
 * least 1.5 times their median, and more than 3 robust standard deviations (MAD, floored at a tenth of the
 * median so a very steady stage does not flag a few milliseconds) above it.
 */
export function durationRegression(current: StageRun, history: StageRun[]): DurationRegression | null {
  if (current.duration_ms === null) return null
  const earlier = history
    .filter((r) => r.node_id === current.node_id && r.execution_id !== current.execution_id && r.duration_ms !== null && (PASSED.has(r.status) || FAILED.has(r.status)))
    .map((r) => r.duration_ms!)
  if (earlier.length < MIN_SAMPLES) return null
  const baseline = median(earlier)
  const spread = Math.max(mad(earlier), baseline * 0.1)
  if (current.duration_ms < baseline * 1.5 || current.duration_ms <= baseline + 3 * spread) return null
  return {
    node_id: current.node_id, name: current.name, duration_ms: current.duration_ms, baseline_ms: baseline,
    samples: earlier.length, ratio: Math.round((current.duration_ms / baseline) * 100) / 100,
  }
}
