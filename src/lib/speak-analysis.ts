import { FunctionError } from './functions.ts'
import { env } from './env.ts'
import { supabase } from './supabase.ts'

/** ElevenLabs audio (`cache` says whether it was spoken before), or the text for the browser's own voice. */
export type Speech = { mode: 'audio'; audio: Blob; cache: string | null } | { mode: 'browser'; text: string }

/** Asks elevenlabs-tts to read a stored analysis aloud. Raw fetch: the answer may be audio, not JSON. */
export async function speakAnalysis(analysisId: string, signal?: AbortSignal): Promise<Speech> {
  const { data } = await supabase.auth.getSession()
  const res = await fetch(`${env.supabaseUrl}/functions/v1/elevenlabs-tts`, {
    method: 'POST', signal,
    headers: { 'content-type': 'application/json', apikey: env.supabaseAnonKey, authorization: `Bearer ${data.session?.access_token ?? env.supabaseAnonKey}` },
    body: JSON.stringify({ analysis_id: analysisId }),
  }).catch((error: Error) => { throw new FunctionError(0, 'network', `Could not reach elevenlabs-tts: ${error.message}`) })
  if (!res.ok) {
    const payload = await res.json().catch(() => null) as { error?: { code?: string; message?: string } } | null
    throw new FunctionError(res.status, payload?.error?.code ?? 'error', payload?.error?.message ?? `elevenlabs-tts failed (${res.status})`)
  }
  if (res.headers.get('content-type')?.startsWith('audio/')) return { mode: 'audio', audio: await res.blob(), cache: res.headers.get('x-opzenix-tts-cache') }
  const body = await res.json() as { mode: 'browser'; text: string }
  return { mode: 'browser', text: body.text }
}
