// One HTTP POST per attempt and what its answer means: 2xx delivered; 408, 429, 5xx, a timeout or no answer
// retried later; any other status refused for good.

export interface Attempt {
  delivered: boolean
  retryable: boolean
  http_status: number | null
  error: string | null
}

export async function post(url: string, body: string, headers: Record<string, string>, timeoutMs: number): Promise<Attempt> {
  const origin = (() => { try { return new URL(url).origin } catch { return 'the endpoint' } })()
  let response: Response
  try {
    response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body, signal: AbortSignal.timeout(timeoutMs) })
  } catch (error) {
    const message = (error as Error).name === 'TimeoutError' ? `${origin} did not answer within ${timeoutMs} ms` : `${origin} could not be reached: ${(error as Error).message}`
    return { delivered: false, retryable: true, http_status: null, error: message }
  }
  const text = (await response.text().catch(() => '')).slice(0, 300).replace(/[^\x20-\x7e]+/g, ' ').trim()
  if (response.ok) return { delivered: true, retryable: false, http_status: response.status, error: null }
  const retryable = response.status === 408 || response.status === 429 || response.status >= 500
  return { delivered: false, retryable, http_status: response.status, error: `${origin} answered ${response.status}${text ? `: ${text}` : ''}` }
}

/** A delivery that cannot be attempted (a missing secret or mail API): retried, as it may be fixed in time. */
export const notConfigured = (error: string): Attempt => ({ delivered: false, retryable: true, http_status: null, error })
