// JUnit XML (the format Surefire, pytest, Jest, Vitest, Go's gotestsum and most CI runners write) → one
// report and its cases. Parsed with fast-xml-parser after its validator accepts the document; a DOCTYPE is
// refused (no report needs one, and entity tricks start there).
import { XMLParser, XMLValidator } from 'fast-xml-parser'
import { EvidenceError } from './errors.ts'

export type CaseStatus = 'passed' | 'failed' | 'error' | 'skipped'

export interface TestCase {
  suite: string | null
  classname: string | null
  name: string
  status: CaseStatus
  duration_ms: number | null
  message: string | null
  details: string | null
}

export interface TestReport {
  name: string | null
  total: number
  passed: number
  failed: number
  errored: number
  skipped: number
  duration_ms: number | null
  cases: TestCase[]
}

/** The most cases one report may hold (a bigger suite uploads one file per module). */
export const MAX_CASES = 50_000
const DETAILS_CHARS = 4000

// deno-lint-ignore no-explicit-any
type Node = Record<string, any>

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  textNodeName: '#text',
  parseAttributeValue: false,
  parseTagValue: false,
  processEntities: true,
  isArray: (name) => ['testsuite', 'testcase', 'failure', 'error', 'skipped'].includes(name),
})

function seconds(value: unknown): number | null {
  const n = Number(value)
  return value === undefined || value === '' || !Number.isFinite(n) || n < 0 ? null : Math.round(n * 1000)
}

function text(value: unknown): string | null {
  if (value === undefined || value === null) return null
  const s = typeof value === 'object' ? String((value as Node)['#text'] ?? '') : String(value)
  return s.trim() === '' ? null : s
}

function outcome(c: Node): Pick<TestCase, 'status' | 'message' | 'details'> {
  const first = (list: unknown) => (Array.isArray(list) && list.length ? list[0] as Node | string : undefined)
  const failure = first(c.failure)
  const error = first(c.error)
  const problem = failure ?? error
  if (problem !== undefined) {
    const node = typeof problem === 'object' ? problem : { '#text': problem }
    const details = text(node)
    return {
      status: failure !== undefined ? 'failed' : 'error',
      message: text(node.message) ?? text(node.type) ?? details?.split('\n')[0] ?? null,
      details: details ? details.slice(0, DETAILS_CHARS) : null,
    }
  }
  if (c.skipped !== undefined) return { status: 'skipped', message: text(first(c.skipped) && typeof first(c.skipped) === 'object' ? (first(c.skipped) as Node).message : null), details: null }
  return { status: 'passed', message: null, details: null }
}

function collect(suite: Node, out: TestCase[]): void {
  for (const c of (suite.testcase ?? []) as Node[]) {
    if (typeof c !== 'object' || !text(c.name)) throw new EvidenceError('A <testcase> has no name attribute')
    if (out.length >= MAX_CASES) throw new EvidenceError(`The report has more than ${MAX_CASES} test cases; upload one file per module`)
    out.push({ suite: text(suite.name), classname: text(c.classname), name: text(c.name)!, duration_ms: seconds(c.time), ...outcome(c) })
  }
  for (const inner of (suite.testsuite ?? []) as Node[]) collect(inner, out)
}

/** Parses a JUnit XML document; throws EvidenceError (a sentence) for anything that is not one. */
export function parseJUnit(xml: string): TestReport {
  if (!xml.trim()) throw new EvidenceError('The body is empty: send the JUnit XML file')
  if (/<!DOCTYPE/i.test(xml)) throw new EvidenceError('JUnit reports have no DOCTYPE; this document declares one')
  const valid = XMLValidator.validate(xml)
  if (valid !== true) throw new EvidenceError(`Not well-formed XML: ${valid.err.msg} (line ${valid.err.line}, column ${valid.err.col})`)
  const doc = parser.parse(xml) as Node
  const root = doc.testsuites ?? (doc.testsuite ? { testsuite: doc.testsuite } : undefined)
  if (!root || typeof root !== 'object') throw new EvidenceError('Not a JUnit report: the root element must be <testsuites> or <testsuite>')
  const cases: TestCase[] = []
  collect(root, cases)
  const count = (s: CaseStatus) => cases.filter((c) => c.status === s).length
  const suites = (root.testsuite ?? []) as Node[]
  const suiteTime = suites.reduce((sum, s) => sum + (seconds(s.time) ?? 0), 0)
  return {
    name: text(root.name) ?? (suites.length === 1 ? text(suites[0].name) : null),
    total: cases.length,
    passed: count('passed'),
    failed: count('failed'),
    errored: count('error'),
    skipped: count('skipped'),
    duration_ms: seconds(root.time) ?? (suites.length ? suiteTime : null),
    cases,
  }
}
