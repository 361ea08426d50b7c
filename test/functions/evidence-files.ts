// Real report files for the evidence tests, produced by the tools that write them in CI: Vitest's JUnit
// reporter over a small suite with one failing test (its JSON reporter says what the run really was), npm's
// own SBOM generator in both formats over this repository's lockfile, and a Trivy-format JSON report.
import { execFile } from 'node:child_process'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'

const run = promisify(execFile)
const FIXTURES = path.resolve('test/fixtures/evidence')

export interface JUnitRun {
  xml: string
  /** What Vitest itself counted (its JSON reporter), to compare with what the function stored. */
  summary: { total: number; passed: number; failed: number; skipped: number; failing: string[] }
}

export async function vitestJUnitReport(): Promise<JUnitRun> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'opzenix-junit-'))
  try {
    const junit = path.join(dir, 'junit.xml')
    const json = path.join(dir, 'report.json')
    // Exits 1 because a test fails, which is the point.
    await run('npx', ['vitest', 'run', '--config', path.join(FIXTURES, 'vitest.config.ts'), '--reporter=junit', '--reporter=json',
      `--outputFile.junit=${junit}`, `--outputFile.json=${json}`], { env: { ...process.env, CI: '1' } }).catch(() => {})
    const report = JSON.parse(await readFile(json, 'utf8'))
    const results = report.testResults.flatMap((f: any) => f.assertionResults) as Array<{ status: string; fullName: string; ancestorTitles: string[]; title: string }>
    return {
      xml: await readFile(junit, 'utf8'),
      summary: {
        total: report.numTotalTests, passed: report.numPassedTests, failed: report.numFailedTests,
        skipped: report.numPendingTests + report.numTodoTests,
        failing: results.filter((r) => r.status === 'failed').map((r) => [...r.ancestorTitles, r.title].join(' > ')),
      },
    }
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}

/** `npm sbom` over the repository's lockfile (production dependencies), in SPDX or CycloneDX. */
export async function npmSbom(format: 'spdx' | 'cyclonedx'): Promise<string> {
  const { stdout } = await run('npm', ['sbom', '--sbom-format', format, '--package-lock-only', '--omit', 'dev'], { maxBuffer: 64 * 1024 * 1024 })
  return stdout
}

export async function trivyReport(): Promise<string> {
  return readFile(path.join(FIXTURES, 'trivy-payments-api.json'), 'utf8')
}
