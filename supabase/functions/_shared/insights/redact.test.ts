// Nothing the secret detection calls a secret reaches a prompt: token shapes, secret-named assignments, URLs
// with passwords and the function's own keys; ordinary log text is left as it was.
import { describe, expect, it } from 'vitest'
import { redact, redactDeep } from './redact.ts'

describe('redact', () => {
  it('removes tokens, secret-named values, passwords in URLs and known values', () => {
    const line = [
      'push with ghp_0123456789abcdefghijABCDEFGHIJklmnopqr',
      'DB_PASSWORD=hunter2 api_key: "abc def"',
      'connecting to postgres://app:s3cr3t@db.internal:5432/app',
      'Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.c2lnbmF0dXJl',
      'key in env sk-local-model-key-1234',
    ].join('\n')
    const out = redact(line, ['sk-local-model-key-1234'])
    expect(out).toBe([
      'push with [redacted]',
      'DB_PASSWORD=[redacted] api_key: [redacted]',
      'connecting to [redacted]',
      'Authorization: Bearer [redacted]',
      'key in env [redacted]',
    ].join('\n'))
  })

  it('leaves ordinary log lines alone', () => {
    const line = 'Error: connect ECONNREFUSED 10.0.3.7:5432 in payments-api-release-20261128-3f9c2ab (LOG_LEVEL=debug)'
    expect(redact(line)).toBe(line)
  })

  it('redacts every string inside nested JSON', () => {
    expect(redactDeep({ logs: [{ message: 'token=xoxb-123456789012-abcdefghijkl' }], n: 3 })).toEqual({ logs: [{ message: 'token=[redacted]' }], n: 3 })
  })
})
