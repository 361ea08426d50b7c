// What a pipeline or an environment's configuration does, and what in it is risky. Any member of its project
// (rows read under their RLS; another organization's is a 404). The rule-based explanation comes back as JSON
// without a model; with one, the model's explanation streams as server-sent events. Stored in ai_analyses.
import { z } from 'zod'
import { requireCaller } from '../_shared/auth.ts'
import { handle, notFound, readInput } from '../_shared/http.ts'
import { explainEnvironmentOffline, explainPipelineOffline } from '../_shared/insights/explain.ts'
import { redactDeep } from '../_shared/insights/redact.ts'
import { modelFromEnv } from '../_shared/ai/chat.ts'
import { buildPrompt, findingLines } from '../_shared/ai/prompt.ts'
import { knownSecrets, respondWithAnalysis } from '../_shared/ai/respond.ts'
import { projectEnvironments } from '../_shared/ai/run-data.ts'
import { fromStored } from '../_shared/pipeline/stored.ts'
import type { SecretRef } from '../_shared/environments/secrets.ts'

const input = z.union([
  z.object({ flow_template_id: z.guid() }).strict(),
  z.object({ environment_id: z.guid() }).strict(),
])

const SYSTEM = [
  'You are the CI/CD assistant of Opzenix. Explain in plain words what the configuration below does: for a pipeline,',
  'what runs in which order, what gates and rollbacks protect which environment; for an environment, what it requires',
  'and holds and what its latest change did. Then list what is risky, most serious first, and how to fix each.',
  'Secrets were replaced with [redacted]. Answer in Markdown.',
].join(' ')

// The functions' client is untyped (no generated types in Deno): rows are read as `any` and shaped below.
// deno-lint-ignore no-explicit-any
const check = (result: { data: unknown; error: unknown }, missing: string): any => {
  if (result.error) throw result.error
  if (!result.data) throw notFound(missing)
  return result.data
}

export const explainConfig = handle(['POST'], async (req) => {
  const caller = await requireCaller(req)
  const request = await readInput(req, input)
  const known = knownSecrets((name) => Deno.env.get(name))
  const model = modelFromEnv((name) => Deno.env.get(name))

  if ('flow_template_id' in request) {
    const pipeline = check(await caller.db.from('flow_templates').select('id, name, project_id, nodes, edges').eq('id', request.flow_template_id).maybeSingle(),
      'No such pipeline, or you are not a member of its project')
    const draft = fromStored({ nodes: pipeline.nodes, edges: pipeline.edges })
    const graph = draft.ok ? { nodes: draft.value.nodes, edges: draft.value.edges } : { nodes: [], edges: [] }
    const environments = await projectEnvironments(caller.db, pipeline.project_id)
    return respondWithAnalysis({
      caller, kind: 'config', subject: { flow_template_id: pipeline.id }, model, signal: req.signal,
      insight: redactDeep(explainPipelineOffline(pipeline.name, graph, environments), known),
      messages: (insight) => buildPrompt(SYSTEM, [
        insight.summary,
        `Nodes (kind, config):\n${graph.nodes.map((n) => `- ${n.id}: ${n.kind} ${JSON.stringify(n.config)}`).join('\n')}`,
        `Edges:\n${graph.edges.map((e) => `- ${e.source} → ${e.target} (on ${e.on})`).join('\n')}`,
        `Environments:\n${environments.map((e) => `- ${e.key}: ${e.tier} tier, ${e.required_approvals} approvals required`).join('\n')}`,
        findingLines(insight),
      ], known),
    })
  }

  const env = check(await caller.db.from('environments').select('id, key, tier, required_approvals, project_id').eq('id', request.environment_id).maybeSingle(),
    'No such environment, or you are not a member of its project')
  const versions = await caller.db.from('environment_config_versions').select('version, reason, variables, secrets')
    .eq('environment_id', env.id).order('version', { ascending: false }).limit(2)
  if (versions.error) throw versions.error
  const config = await caller.db.from('environment_configs').select('variables').eq('environment_id', env.id).maybeSingle()
  if (config.error) throw config.error
  const latest = versions.data[0]
  const variables = (latest?.variables ?? config.data?.variables ?? {}) as Record<string, string>
  const secrets = (latest?.secrets ?? []) as SecretRef[]
  const insight = redactDeep(explainEnvironmentOffline({ ...env, variables, secrets, versions: versions.data as never }), known)
  return respondWithAnalysis({
    caller, kind: 'config', subject: { environment_id: env.id }, model, signal: req.signal, insight,
    messages: (found) => buildPrompt(SYSTEM, [
      found.summary,
      `Plain variables:\n${Object.entries(variables).map(([k, v]) => `- ${k} = ${JSON.stringify(v)}`).join('\n') || '- none'}`,
      `Secret references (provider and key, never values):\n${secrets.map((s) => `- ${s.name}: ${s.provider} ${s.key}`).join('\n') || '- none'}`,
      findingLines(found),
    ], known),
  })
})
