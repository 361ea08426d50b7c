import { postFunction } from './functions.ts'

/** ElevenLabs audio (`cache` says whether it was spoken before), or the text for the browser's own voice. */
export type Speech = { mode: 'audio'; audio: Blob; cache: string | null } | { mode: 'browser'; text: string }

/** Asks elevenlabs-tts to read a stored analysis aloud. By postFunction: the answer may be audio, not JSON. */
export async function speakAnalysis(analysisId: string, signal?: AbortSignal): Promise<Speech> {
  const res = await postFunction('elevenlabs-tts', { analysis_id: analysisId }, signal)
  if (res.headers.get('content-type')?.startsWith('audio/')) return { mode: 'audio', audio: await res.blob(), cache: res.headers.get('x-opzenix-tts-cache') }
  const body = await res.json() as { mode: 'browser'; text: string }
  return { mode: 'browser', text: body.text }
}
