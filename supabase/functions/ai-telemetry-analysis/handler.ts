// Anomalies and trends in telemetry for a run (or one of its nodes), against each stage's own history, or for
// the runs that target an environment. Any member of the project (rows read under their RLS). The rule-based
// analysis comes back as JSON without a model; with one, the model's reading streams as server-sent events.
import { z } from 'zod'
import { requireCaller } from '../_shared/auth.ts'
import { handle, notFound, readInput } from '../_shared/http.ts'
import { analyzeEnvironmentTelemetry, analyzeRunTelemetry } from '../_shared/insights/telemetry.ts'
import { redactDeep } from '../_shared/insights/redact.ts'
import { modelFromEnv } from '../_shared/ai/chat.ts'
import { buildPrompt, findingLines } from '../_shared/ai/prompt.ts'
import { knownSecrets, respondWithAnalysis } from '../_shared/ai/respond.ts'
import { readRunData } from '../_shared/ai/run-data.ts'

const input = z.union([
  z.object({ execution_id: z.guid(), node_id: z.string().min(1).max(200).nullish() }).strict(),
  z.object({ environment_id: z.guid() }).strict(),
])

export const ENVIRONMENT_RUNS = 300
const SYSTEM = [
  'You are the CI/CD assistant of Opzenix. Below are durations and failure rates of pipeline stages or runs over',
  'time, the slowest spans, and what rule-based checks (EWMA z-scores, trends) found. Say which anomalies and trends',
  'matter, what likely causes them, and what to look at first. Say so when the evidence is thin. Answer in Markdown.',
].join(' ')

const secondsOf = (ms: number | null) => (ms === null ? '?' : `${Math.round(ms / 1000)}s`)

export const aiTelemetryAnalysis = handle(['POST'], async (req) => {
  const caller = await requireCaller(req)
  const request = await readInput(req, input)
  const known = knownSecrets((name) => Deno.env.get(name))
  const model = modelFromEnv((name) => Deno.env.get(name))

  if ('execution_id' in request) {
    const nodeId = request.node_id ?? null
    const data = await readRunData(caller.db, request.execution_id, nodeId)
    const insight = redactDeep(analyzeRunTelemetry({ ...data, node_id: nodeId }), known)
    const focus = data.nodes.filter((n) => !nodeId || n.node_id === nodeId)
    return respondWithAnalysis({
      caller, kind: 'telemetry', subject: { execution_id: request.execution_id, node_id: nodeId }, model, signal: req.signal, insight,
      messages: (found) => buildPrompt(SYSTEM, [
        found.summary,
        ...focus.map((n) => `Stage "${n.name}" now ${n.status} ${secondsOf(n.duration_ms)}; earlier (newest first): `
          + data.history.filter((h) => h.node_id === n.node_id).slice(0, 20).map((h) => `${h.status} ${secondsOf(h.duration_ms)}`).join(', ')),
        `Trace (name, duration):\n${data.context.trace.slice(0, 60).map((s) => `${'  '.repeat(s.depth)}- ${s.name} ${secondsOf(s.duration_ms)}${s.status === 'error' ? ' ERROR' : ''}`).join('\n')}`,
        findingLines(found),
      ], known),
    })
  }

  const found = await caller.db.from('environments').select('id, key').eq('id', request.environment_id).maybeSingle()
  if (found.error) throw found.error
  if (!found.data) throw notFound('No such environment, or you are not a member of its project')
  const env = found.data
  const runs = await caller.db.from('executions').select('status, started_at, finished_at').eq('environment_id', env.id)
    .not('finished_at', 'is', null).order('finished_at', { ascending: false }).limit(ENVIRONMENT_RUNS)
  if (runs.error) throw runs.error
  const rows = runs.data.map((r) => ({
    status: r.status, finished_at: r.finished_at,
    duration_ms: r.started_at && r.finished_at ? Date.parse(r.finished_at) - Date.parse(r.started_at) : null,
  })).reverse()
  const insight = redactDeep(analyzeEnvironmentTelemetry({ key: env.key, runs: rows }), known)
  return respondWithAnalysis({
    caller, kind: 'telemetry', subject: { environment_id: env.id }, model, signal: req.signal, insight,
    messages: (result) => buildPrompt(SYSTEM, [
      result.summary,
      `Runs to "${env.key}" (oldest first: finished at, status, duration):\n${rows.slice(-100).map((r) => `- ${r.finished_at} ${r.status} ${secondsOf(r.duration_ms)}`).join('\n')}`,
      findingLines(result),
    ], known),
  })
})
