// What is read aloud: an analysis's answer (or its rule-based summary) or an approval request, as plain
// sentences (Markdown marks dropped, length bounded). The text comes from rows the caller may read, never from
// the request, so the voice budget is spent only on Opzenix's own summaries.

export const MAX_SPEECH_CHARS = 2500

/** Markdown to speakable text: no emphasis marks, code ticks, heading hashes or list bullets. */
export function speakable(markdown: string): string {
  const text = markdown
    .replace(/```[\s\S]*?```/g, ' ')
    .replace(/`([^`]*)`/g, '$1')
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/^\s{0,3}#{1,6}\s+/gm, '')
    .replace(/^\s*[-*+]\s+/gm, '')
    .replace(/^\s*\d+\.\s+/gm, '')
    .replace(/(\*\*|__|\*|_|~~)(.+?)\1/g, '$2')
    .replace(/\s+/g, ' ')
    .trim()
  return text.length > MAX_SPEECH_CHARS ? `${text.slice(0, MAX_SPEECH_CHARS - 1)}…` : text
}

export function approvalSpeech(request: { title: string; required_approvals: number; environment: string | null; votes: number }): string {
  const where = request.environment ? ` for ${request.environment}` : ''
  const left = Math.max(0, request.required_approvals - request.votes)
  return speakable(`Approval requested${where}: ${request.title}. ${left === 0 ? 'It has all the approvals it needs.' : `It needs ${left} more approval${left === 1 ? '' : 's'}.`}`)
}

/** The cache key: SHA-256 of voice, model and text, hex. */
export async function speechHash(voice: string, model: string, text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(`${voice}\u0000${model}\u0000${text}`))
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('')
}
