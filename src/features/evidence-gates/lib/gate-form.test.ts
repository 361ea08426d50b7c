import { describe, expect, it } from 'vitest'
import { describeGate, formValues, gateFormSchema } from './gate-form.ts'

describe('gate form', () => {
  it('reads blanks as no limit and numbers as limits', () => {
    const parsed = gateFormSchema.parse({ security: true, max_critical: '0', max_high: '', tests: true, max_failed_tests: '2', min_coverage: '80.5', max_coverage_drop: '' })
    expect(parsed).toEqual({ security: true, max_critical: 0, max_high: null, tests: true, max_failed_tests: 2, min_coverage: 80.5, max_coverage_drop: null })
  })

  it('refuses negatives, fractions of findings and coverage over 100 in words', () => {
    const result = gateFormSchema.safeParse({ security: true, max_critical: '-1', max_high: '1.5', tests: true, max_failed_tests: '0', min_coverage: '120', max_coverage_drop: '' })
    expect(result.success).toBe(false)
    expect(Object.fromEntries(result.error!.issues.map((i) => [i.path.join('.'), i.message]))).toEqual({ max_critical: '0 or more', max_high: 'a whole number', min_coverage: 'from 0 to 100' })
  })

  it('starts from the saved gates, and describes them', () => {
    const gates = [{ kind: 'security' as const, max_critical: 0, max_high: 3, max_failed_tests: 0, min_coverage: null, max_coverage_drop: null }]
    expect(formValues(gates)).toMatchObject({ security: true, max_critical: '0', max_high: '3', tests: false })
    expect(describeGate(gates[0])).toBe('Refuses a deploy or promotion whose run\'s scans found more than 0 critical or 3 high findings')
    expect(describeGate({ kind: 'tests', max_critical: 0, max_high: null, max_failed_tests: 1, min_coverage: 80, max_coverage_drop: 2 }))
      .toBe('Refuses a deploy or promotion whose run reported more than 1 failed test, or coverage under 80%, or coverage more than 2 points below what runs here')
  })
})
