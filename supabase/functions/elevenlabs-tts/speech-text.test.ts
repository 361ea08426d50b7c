import { describe, expect, it } from 'vitest'
import { approvalSpeech, MAX_SPEECH_CHARS, speakable, speechHash } from './speech-text.ts'

describe('speech text', () => {
  it('reads Markdown as plain sentences', () => {
    expect(speakable('## Why\nThe **test** stage failed: `npm test` exited 1.\n- rerun it\n- check [the fixtures](http://x)'))
      .toBe('Why The test stage failed: npm test exited 1. rerun it check the fixtures')
    expect(speakable('x'.repeat(3000))).toHaveLength(MAX_SPEECH_CHARS)
  })

  it('says what an approval request waits for', () => {
    expect(approvalSpeech({ title: 'Release 2.0.0 to prod', required_approvals: 2, environment: 'prod', votes: 1 }))
      .toBe('Approval requested for prod: Release 2.0.0 to prod. It needs 1 more approval.')
    expect(approvalSpeech({ title: 'Hotfix', required_approvals: 1, environment: null, votes: 1 })).toBe('Approval requested: Hotfix. It has all the approvals it needs.')
  })

  it('keys the cache by voice, model and text', async () => {
    const a = await speechHash('v1', 'm', 'hello')
    expect(a).toMatch(/^[0-9a-f]{64}$/)
    expect(await speechHash('v1', 'm', 'hello')).toBe(a)
    expect(await speechHash('v2', 'm', 'hello')).not.toBe(a)
  })
})
