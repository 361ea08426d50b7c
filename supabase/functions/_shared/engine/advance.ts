// Advances one execution: tick the pure engine on a fresh snapshot, apply the result with engine_apply in one
// transaction, and start again when another instance moved first (OZ001), the deploy guard refused (OZ002:
// the node fails) or the guard found the environment locked or frozen after all (OZ003: the node queues).
import type { SupabaseClient } from '@supabase/supabase-js'
import { applyTransitions, cancel, tick } from '../pipeline/engine.ts'
import { nodeEnvironment } from '../pipeline/kinds.ts'
import type { DeployHold, DeployRefusal, Transition } from '../pipeline/engine-types.ts'
import { nextDueAt } from '../pipeline/next-due.ts'
import { isNodeFinished, type ExecutionStatus } from '../pipeline/statuses.ts'
import { loadBlockedEnvironments, loadExecution, needsBlocked, type BlockedEnvironments, type EnvironmentBlock, type EnvironmentGates, type LoadedExecution } from './snapshot.ts'
import { dueLines, withBanners } from './simulated-logs.ts'

const MAX_ATTEMPTS = 6

export interface AdvanceResult {
  /** Transitions applied (0 when there was nothing to do or another instance did it). */
  transitions: number
  logLines: number
  /** Times the apply lost a race and recomputed. */
  conflicts: number
  status: string | null
  /** Skipped because another instance held the run (scheduler ticks only). */
  busy?: boolean
  /** When a tick could next move the run by itself (a timed step ends), epoch ms; null when nothing is timed. */
  dueAt?: number | null
}

export interface AdvanceOptions {
  now?: () => number
  /** A scheduler tick: when another instance is applying this run, or just did, leave it to that one. */
  skipIfBusy?: boolean
  /** Locks, freezes and deploy queues (loaded here when not given and the run has deploys left). */
  blocked?: BlockedEnvironments
}

/** Ticks one execution (already loaded, or by id) and applies the transitions; retries lost races. */
export async function advanceExecution(admin: SupabaseClient, execution: LoadedExecution | string, options: AdvanceOptions = {}): Promise<AdvanceResult> {
  const now = options.now ?? Date.now
  let loaded = typeof execution === 'string' ? await loadExecution(admin, execution) : execution
  const refusals: DeployRefusal[] = []
  const guardHolds: DeployHold[] = []
  let conflicts = 0
  let blockedByProject = options.blocked
  for (let attempt = 1; loaded; attempt++) {
    // A run without nodes was not made by startExecution (a hand-made row): not the engine's to finish.
    if (loaded.snapshot.nodes.length === 0) return { transitions: 0, logLines: 0, conflicts, status: loaded.snapshot.status }
    const at = now()
    if (!blockedByProject && needsBlocked([loaded])) blockedByProject = await loadBlockedEnvironments(admin, [loaded.projectId])
    const gates = blockedByProject?.get(loaded.projectId)
    const holds = [...guardHolds, ...deployHolds(loaded, gates).filter((h) => !guardHolds.some((g) => g.nodeId === h.nodeId))]
    const input = {
      now: at, decisions: loaded.decisions, results: loaded.results,
      refusals: [...refusals, ...blockedRefusals(loaded, gates)], holds,
    }
    const transitions = withBanners(tick(loaded.snapshot, input), loaded.snapshot.nodes)
    const finishing = new Set(transitions.filter((t) => t.scope === 'node' && t.from === 'running').map((t) => t.nodeId!))
    const logs = dueLines(loaded.snapshot.nodes, loaded.linesWritten, at, finishing)
    if (transitions.length === 0 && logs.length === 0) return { transitions: 0, logLines: 0, conflicts, status: loaded.snapshot.status, dueAt: nextDueAt(loaded.snapshot) }

    const result = await applyTick(admin, loaded.id, transitions, logs, null, options.skipIfBusy)
    if (result.ok && result.busy) return { transitions: 0, logLines: 0, conflicts, status: loaded.snapshot.status, busy: true }
    if (result.ok) return { transitions: result.applied, logLines: result.logLines, conflicts, status: result.status, dueAt: nextDueAt({ ...applyTransitions(loaded.snapshot, transitions), status: result.status as ExecutionStatus }) }
    if (attempt >= MAX_ATTEMPTS) throw new Error(`execution ${loaded.id}: gave up after ${attempt} attempts (${result.message})`)
    if (result.refusal) {
      refusals.push(result.refusal)
      continue
    }
    if (result.hold) {
      guardHolds.push(result.hold)
      continue
    }
    conflicts++
    // A scheduler tick that lost the race leaves the run to the instance that won; the next tick goes on.
    if (options.skipIfBusy) return { transitions: 0, logLines: 0, conflicts, status: loaded.snapshot.status, busy: true }
    loaded = await loadExecution(admin, loaded.id)
  }
  return { transitions: 0, logLines: 0, conflicts, status: null }
}

export type ApplyOutcome =
  | { ok: true; applied: number; logLines: number; status: string; busy?: boolean }
  | { ok: false; message: string; refusal?: DeployRefusal; hold?: DeployHold }

/** One engine_apply call. Lost races and guard refusals come back as data; anything else throws. */
export async function applyTick(admin: SupabaseClient, executionId: string, transitions: Transition[], logs: unknown[] = [], actor: string | null = null, skipIfBusy = false): Promise<ApplyOutcome> {
  const { data, error } = await admin.rpc('engine_apply', {
    _execution_id: executionId, _transitions: transitions, _logs: logs, _actor: actor, _skip_if_busy: skipIfBusy,
  })
  if (!error) {
    const r = data as { applied: number; log_lines: number; status: string; busy?: boolean }
    return { ok: true, applied: r.applied, logLines: r.log_lines, status: r.status, ...(r.busy ? { busy: true } : {}) }
  }
  // OZ001: another instance moved first; 40P01/40001: Postgres chose this transaction to undo. Same remedy.
  if (error.code === 'OZ001' || error.code === '40P01' || error.code === '40001') return { ok: false, message: error.message }
  if (error.code === 'OZ002') return { ok: false, message: error.message, refusal: { nodeId: error.details ?? '', message: error.message } }
  if (error.code === 'OZ003') {
    const kind = /is frozen/.test(error.message) ? 'freeze window' : 'lock'
    const env = /^environment (\S+) is/.exec(error.message)?.[1] ?? 'the environment'
    return { ok: false, message: error.message, hold: { nodeId: error.details ?? '', message: `waiting for ${kind} on ${env}: ${error.message}` } }
  }
  throw new Error(`engine_apply for ${executionId}: ${error.message} (${error.code})`)
}

/** Cancels a run for `actor`; false when it had already finished. Retries lost races. */
export async function cancelExecution(admin: SupabaseClient, executionId: string, actor: string | null, reason?: string): Promise<boolean> {
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
    const loaded = await loadExecution(admin, executionId)
    if (!loaded) return false
    const transitions = cancel(loaded.snapshot, { now: Date.now() })
    if (transitions.length === 0) return false
    const last = transitions[transitions.length - 1]
    if (reason && last.scope === 'execution') transitions[transitions.length - 1] = { ...last, detail: reason } as Transition
    const result = await applyTick(admin, executionId, transitions, [], actor)
    if (result.ok) return true
  }
  throw new Error(`execution ${executionId}: could not cancel after ${MAX_ATTEMPTS} attempts`)
}

/** The block that applies to this run's deploys into `environment`, unless its starter broke glass there. */
function blockFor(loaded: LoadedExecution, gates: EnvironmentGates | undefined, environment: string): { block?: EnvironmentBlock; glass: boolean } {
  const block = gates?.blocked.get(environment)
  const glass = !!block && !!loaded.startedBy && block.breakGlassUsers.includes(loaded.startedBy)
  return { block: glass ? undefined : block, glass }
}

/**
 * Deploy nodes of this run that must wait now (TickInput.holds): a running one while its environment is
 * locked or frozen; a pending one also while other deploys queue there; a queued one until it is first in
 * its environment's queue and the environment is open. An approved break-glass of the run's starter (whom
 * the deploy is made as) lets it through, ahead of the queue.
 */
export function deployHolds(loaded: LoadedExecution, gates: EnvironmentGates | undefined): DeployHold[] {
  if (!gates) return []
  const out: DeployHold[] = []
  for (const node of loaded.snapshot.nodes) {
    const env = nodeEnvironment(node)
    if (node.kind !== 'deploy' || isNodeFinished(node.status) || !env) continue
    const { block, glass } = blockFor(loaded, gates, env)
    if (glass) continue
    const queue = gates.queues.get(env) ?? []
    const mine = queue.findIndex((q) => q.executionId === loaded.id && q.nodeId === node.id)
    const ahead = mine >= 0 ? mine : queue.length
    const held = node.status === 'running' ? !!block : !!block || ahead > 0
    if (!held) continue
    const what = block ? (block.kind === 'lock' ? 'lock' : 'freeze window') : 'the deploys queued ahead'
    out.push({ nodeId: node.id, message: `waiting for ${what} on ${env} (position ${ahead + 1})${block ? `: ${block.message}` : ''}` })
  }
  return out
}

/** Rollback nodes into a locked or frozen environment fail with the guard's words (they do not queue). */
function blockedRefusals(loaded: LoadedExecution, gates: EnvironmentGates | undefined): DeployRefusal[] {
  if (!gates || gates.blocked.size === 0) return []
  const out: DeployRefusal[] = []
  for (const node of loaded.snapshot.nodes) {
    const env = nodeEnvironment(node)
    if (isNodeFinished(node.status) || node.kind !== 'rollback' || !env) continue
    const { block } = blockFor(loaded, gates, env)
    if (block) out.push({ nodeId: node.id, message: block.message })
  }
  return out
}
