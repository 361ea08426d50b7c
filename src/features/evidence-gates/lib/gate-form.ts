// The evidence-gates form: blank means "no limit", numbers are whole findings or tests, coverage is a percentage.
import { z } from 'zod'
import type { Tables } from '../../../integrations/supabase/types.ts'

const blankOr = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (v === '' || v === undefined ? null : v), schema.nullable())

const count = z.coerce.number({ error: 'a whole number' }).int('a whole number').min(0, '0 or more')
const percent = z.coerce.number({ error: 'a percentage' }).min(0, 'from 0 to 100').max(100, 'from 0 to 100')

export const gateFormSchema = z.object({
  security: z.boolean(),
  max_critical: count,
  max_high: blankOr(count),
  tests: z.boolean(),
  max_failed_tests: count,
  min_coverage: blankOr(percent),
  max_coverage_drop: blankOr(percent),
})
export type GateFormInput = z.input<typeof gateFormSchema>
export type GateFormValues = z.output<typeof gateFormSchema>

type Gate = Pick<Tables<'evidence_gates'>, 'kind' | 'max_critical' | 'max_high' | 'max_failed_tests' | 'min_coverage' | 'max_coverage_drop'>

/** The form's starting values from the environment's gates (defaults where a gate is off). */
export function formValues(gates: Gate[]): GateFormInput {
  const security = gates.find((g) => g.kind === 'security')
  const tests = gates.find((g) => g.kind === 'tests')
  const text = (v: number | null | undefined) => (v === null || v === undefined ? '' : String(v))
  return {
    security: Boolean(security), max_critical: String(security?.max_critical ?? 0), max_high: text(security?.max_high),
    tests: Boolean(tests), max_failed_tests: String(tests?.max_failed_tests ?? 0),
    min_coverage: text(tests?.min_coverage), max_coverage_drop: text(tests?.max_coverage_drop),
  }
}

/** What the gate says, in a sentence for the section. */
export function describeGate(g: Gate): string {
  if (g.kind === 'security') {
    return `Refuses a deploy or promotion whose run's scans found more than ${g.max_critical} critical${g.max_high === null ? '' : ` or ${g.max_high} high`} findings`
  }
  const parts = [`more than ${g.max_failed_tests} failed test${g.max_failed_tests === 1 ? '' : 's'}`]
  if (g.min_coverage !== null) parts.push(`coverage under ${g.min_coverage}%`)
  if (g.max_coverage_drop !== null) parts.push(`coverage more than ${g.max_coverage_drop} points below what runs here`)
  return `Refuses a deploy or promotion whose run reported ${parts.join(', or ')}`
}
