// A delivery's outcome in a few words, from the `result` github-webhook writes (docs/github.md: pushes,
// pings, workflow runs) and its `error`.

export function deliveryOutcome(event: string, result: unknown, error: string | null): string {
  if (error) return error
  const r = (result && typeof result === 'object' ? result : {}) as Record<string, unknown>
  const branch = typeof r.branch === 'string' ? ` on ${r.branch}` : ''
  if (r.started === true || r.action === 'started') return `run started${branch}${typeof r.pattern === 'string' ? ` (${r.pattern})` : ''}`
  if (typeof r.reason === 'string') {
    const why = r.reason.replaceAll('_', ' ')
    return typeof r.message === 'string' ? `${why}${branch}: ${r.message}` : `${why}${branch}`
  }
  if (event === 'ping') return typeof r.zen === 'string' ? `ping: “${r.zen}”` : 'ping received'
  return ''
}
