// Reads an analysis or an approval request aloud. With ELEVENLABS_API_URL and ELEVENLABS_API_KEY set it answers
// audio/mpeg from ElevenLabs' text-to-speech API, cached in the private tts-cache bucket by the hash of voice,
// model and text (x-opzenix-tts-cache: hit or miss); without a key it answers the text as JSON so the browser
// speaks it with its own speech synthesis (mode "browser"). Any member who can read the row may ask.
import { z } from 'zod'
import { requireCaller, type Caller } from '../_shared/auth.ts'
import { conflict, corsHeaders, handle, HttpError, json, notFound, readInput } from '../_shared/http.ts'
import { approvalSpeech, speakable, speechHash } from './speech-text.ts'

const input = z.union([
  z.object({ analysis_id: z.guid() }).strict(),
  z.object({ approval_request_id: z.guid() }).strict(),
])

const DEFAULT_VOICE = '21m00Tcm4TlvDq8ikWAM'
const DEFAULT_MODEL = 'eleven_multilingual_v2'
const BUCKET = 'tts-cache'

export const elevenlabsTts = handle(['POST'], async (req) => {
  const caller = await requireCaller(req)
  const request = await readInput(req, input)
  const text = 'analysis_id' in request ? await analysisText(caller, request.analysis_id) : await approvalText(caller, request.approval_request_id)

  const base = Deno.env.get('ELEVENLABS_API_URL')?.replace(/\/+$/, '') || 'https://api.elevenlabs.io'
  const key = Deno.env.get('ELEVENLABS_API_KEY')
  if (!key) return json({ mode: 'browser', text })
  const voice = Deno.env.get('ELEVENLABS_VOICE_ID') || DEFAULT_VOICE
  const model = Deno.env.get('ELEVENLABS_MODEL_ID') || DEFAULT_MODEL
  const path = `${await speechHash(voice, model, text)}.mp3`

  // The cache is written and read with the service role: the bucket is private to this function.
  const cached = await caller.admin.storage.from(BUCKET).download(path)
  if (cached.data) return audio(await cached.data.arrayBuffer(), 'hit')

  // Bounded, so a stalled ElevenLabs cannot hold the caller (and this worker's connection) for ever.
  const timeoutMs = Number(Deno.env.get('ELEVENLABS_TIMEOUT_MS')) || 30_000
  const signal = AbortSignal.timeout(timeoutMs)
  const timedOut = () => new HttpError(504, 'tts_timeout', `ElevenLabs did not answer within ${timeoutMs} ms`)
  const res = await fetch(`${base}/v1/text-to-speech/${encodeURIComponent(voice)}`, {
    method: 'POST',
    headers: { 'xi-api-key': key, 'content-type': 'application/json', accept: 'audio/mpeg' },
    body: JSON.stringify({ text, model_id: model }),
    signal,
  }).catch((error: Error) => {
    if (signal.aborted) throw timedOut()
    throw new HttpError(502, 'tts_unreachable', `ElevenLabs could not be reached (${error.message})`)
  })
  if (!res.ok) {
    const body = await res.json().catch(() => null) as { detail?: { message?: string } | string } | null
    const detail = typeof body?.detail === 'string' ? body.detail : body?.detail?.message
    throw new HttpError(502, 'tts_error', `ElevenLabs answered ${res.status}${detail ? `: ${detail}` : ''}`)
  }
  const bytes = await res.arrayBuffer().catch((error: Error) => {
    if (signal.aborted) throw timedOut()
    throw new HttpError(502, 'tts_unreachable', `ElevenLabs broke off the audio (${error.message})`)
  })
  const stored = await caller.admin.storage.from(BUCKET).upload(path, new Blob([bytes], { type: 'audio/mpeg' }), { contentType: 'audio/mpeg', upsert: true })
  if (stored.error) console.error('tts-cache upload failed', stored.error.message)
  return audio(bytes, 'miss')
})

const audio = (bytes: ArrayBuffer, cache: 'hit' | 'miss') =>
  new Response(bytes, { status: 200, headers: { ...corsHeaders, 'content-type': 'audio/mpeg', 'x-opzenix-tts-cache': cache, 'access-control-expose-headers': 'x-opzenix-tts-cache' } })

async function analysisText(caller: Caller, id: string): Promise<string> {
  const { data, error } = await caller.db.from('ai_analyses').select('answer, status').eq('id', id).maybeSingle()
  if (error) throw error
  if (!data) throw notFound('No such analysis, or you are not a member of its project')
  const text = speakable(data.answer ?? '')
  if (!text) throw conflict('This analysis has no answer to read yet')
  return text
}

async function approvalText(caller: Caller, id: string): Promise<string> {
  const { data, error } = await caller.db.from('approval_requests').select('title, required_approvals, environment_id').eq('id', id).maybeSingle()
  if (error) throw error
  if (!data) throw notFound('No such approval request, or you are not a member of its project')
  const env = data.environment_id ? await caller.db.from('environments').select('key').eq('id', data.environment_id).maybeSingle() : null
  if (env?.error) throw env.error
  const votes = await caller.db.from('approval_votes').select('id', { count: 'exact', head: true }).eq('approval_request_id', id).eq('vote', 'approve')
  if (votes.error) throw votes.error
  return approvalSpeech({ title: data.title, required_approvals: data.required_approvals, environment: env?.data?.key ?? null, votes: votes.count ?? 0 })
}
