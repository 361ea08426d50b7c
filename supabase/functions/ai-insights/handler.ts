// Why did this run fail, and what to try. Any member of the run's project may ask (RLS decides what is read).
// With a model configured (AI_API_URL, AI_MODEL, AI_API_KEY) the answer streams back as server-sent events;
// without one the offline analyzer's findings come back as JSON. Every analysis is stored in ai_analyses.
import { z } from 'zod'
import { requireCaller } from '../_shared/auth.ts'
import { handle, readInput } from '../_shared/http.ts'
import { analyzeOffline } from '../_shared/insights/offline.ts'
import { redactDeep } from '../_shared/insights/redact.ts'
import { modelFromEnv } from '../_shared/ai/chat.ts'
import { buildRunPrompt } from '../_shared/ai/prompt.ts'
import { knownSecrets, respondWithAnalysis } from '../_shared/ai/respond.ts'
import { readRunData } from '../_shared/ai/run-data.ts'

const input = z.object({
  execution_id: z.guid(),
  node_id: z.string().min(1).max(200).nullish(),
})

export const aiInsights = handle(['POST'], async (req) => {
  const caller = await requireCaller(req)
  const { execution_id, node_id = null } = await readInput(req, input)
  const data = await readRunData(caller.db, execution_id, node_id ?? null)
  const known = knownSecrets((name) => Deno.env.get(name))
  return respondWithAnalysis({
    caller, kind: 'run', subject: { execution_id, node_id }, model: modelFromEnv((name) => Deno.env.get(name)),
    insight: redactDeep(analyzeOffline(data), known),
    messages: (insight) => buildRunPrompt({ ...data, insight, node_id }, known),
    signal: req.signal,
  })
})
