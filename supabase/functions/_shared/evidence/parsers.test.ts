// The evidence parsers on files real tools wrote (Vitest's JUnit reporter, npm sbom, a Trivy-format report)
// and on the malformed input CI sometimes sends.
import { beforeAll, describe, expect, it } from 'vitest'
import { npmSbom, trivyReport, vitestJUnitReport, type JUnitRun } from '../../../../test/functions/evidence-files.ts'
import { EvidenceError } from './errors.ts'
import { parseJUnit } from './junit.ts'
import { parseSbom } from './sbom.ts'
import { normalizeEcosystem, parseStepEvidence } from './step.ts'
import { parseTrivy } from './trivy.ts'

let junit: JUnitRun
beforeAll(async () => { junit = await vitestJUnitReport() }, 60_000)

describe('parseJUnit', () => {
  it('reads what Vitest ran: the counts and the failing case with its message', () => {
    const report = parseJUnit(junit.xml)
    expect(report).toMatchObject({ total: junit.summary.total, passed: junit.summary.passed, failed: junit.summary.failed, skipped: junit.summary.skipped, errored: 0 })
    const failing = report.cases.filter((c) => c.status === 'failed')
    expect(failing.map((c) => c.name)).toEqual(junit.summary.failing)
    expect(failing[0].message).toMatch(/expected 90 to be 81/)
    expect(failing[0].details).toMatch(/checkout\.spec\.ts:\d+/)
  })

  it('reads a bare <testsuite> root, errors and nested suites', () => {
    const report = parseJUnit(`<?xml version="1.0"?><testsuite name="api" time="1.5">
      <testcase classname="Auth" name="signs in" time="0.2"/>
      <testcase classname="Auth" name="refreshes"><error message="ECONNRESET">socket hang up</error></testcase>
      <testsuite name="inner"><testcase name="deep"><failure>boom</failure></testcase></testsuite>
    </testsuite>`)
    expect(report).toMatchObject({ name: 'api', total: 3, passed: 1, failed: 1, errored: 1, duration_ms: 1500 })
    expect(report.cases.find((c) => c.status === 'error')).toMatchObject({ classname: 'Auth', message: 'ECONNRESET', details: 'socket hang up' })
    expect(report.cases.find((c) => c.status === 'failed')).toMatchObject({ suite: 'inner', message: 'boom' })
  })

  it.each([
    ['', /empty/],
    ['<testsuites><testsuite><testcase name="a"></testsuite>', /Not well-formed XML/],
    ['{"tests": 3}', /Not well-formed XML|Not a JUnit report/],
    ['<html><body>502 Bad Gateway</body></html>', /root element must be <testsuites> or <testsuite>/],
    ['<!DOCTYPE x [<!ENTITY a "aaaa">]><testsuites/>', /DOCTYPE/],
    ['<testsuite><testcase classname="x"/></testsuite>', /no name/],
  ])('refuses %j in a sentence', (xml, message) => {
    expect(() => parseJUnit(xml)).toThrow(EvidenceError)
    expect(() => parseJUnit(xml)).toThrow(message)
  })
})

describe('parseTrivy', () => {
  it('counts findings by severity and keeps their CVE ids, packages and fixes', async () => {
    const raw = JSON.parse(await trivyReport())
    const scan = parseTrivy(raw)
    const all = raw.Results.flatMap((r: any) => r.Vulnerabilities ?? [])
    expect(scan.findings).toHaveLength(all.length)
    expect(scan.counts.critical).toBe(all.filter((v: any) => v.Severity === 'CRITICAL').length)
    expect(scan).toMatchObject({ scanner_version: raw.Trivy.Version, artifact_name: raw.ArtifactName, artifact_type: 'container_image' })
    const critical = scan.findings.find((f) => f.severity === 'critical')!
    expect(critical).toMatchObject({ vulnerability_id: 'CVE-2024-45492', package_name: 'libexpat1', fixed_version: '2.5.0-1+deb12u1' })
    expect(scan.findings.find((f) => f.vulnerability_id === 'CVE-2023-50495')!.fixed_version).toBeNull()
  })

  it.each([
    [{ hello: 'world' }, /SchemaVersion/],
    [{ SchemaVersion: 1, Results: [] }, /SchemaVersion 2/],
    [{ SchemaVersion: 2, Results: [{ Vulnerabilities: [{ PkgName: 'x' }] }] }, /VulnerabilityID/],
    [[1, 2], /Not a Trivy JSON report/],
  ])('refuses %j', (body, message) => {
    expect(() => parseTrivy(body)).toThrow(message)
  })
})

describe('parseSbom', () => {
  it('reads npm sbom CycloneDX and SPDX of the same lockfile to the same packages and licences', async () => {
    const [cdxText, spdxText] = await Promise.all([npmSbom('cyclonedx'), npmSbom('spdx')])
    const cdxRaw = JSON.parse(cdxText)
    const spdxRaw = JSON.parse(spdxText)
    const cdx = parseSbom(cdxRaw)
    const spdx = parseSbom(spdxRaw)
    expect(cdx).toMatchObject({ format: 'cyclonedx', spec_version: cdxRaw.specVersion })
    expect(spdx).toMatchObject({ format: 'spdx', spec_version: spdxRaw.spdxVersion, name: spdxRaw.name })
    expect(cdx.packages).toHaveLength(cdxRaw.components.length)
    // SPDX lists the document's own package too; it is the thing described, not a dependency.
    expect(spdx.packages).toHaveLength(spdxRaw.packages.length - 1)
    expect(new Set(spdx.packages.map((p) => `${p.name}@${p.version}`))).toEqual(new Set(cdx.packages.map((p) => `${p.name}@${p.version}`)))
    const react = cdx.packages.find((p) => p.name === 'react')!
    expect(react).toMatchObject({ ecosystem: 'npm', licences: ['MIT'] })
    expect(cdx.licences.MIT).toBe(cdx.packages.filter((p) => p.licences.includes('MIT')).length)
    expect(spdx.licences.MIT).toBe(cdx.licences.MIT)
  }, 30_000)

  it('refuses a document that is neither format', () => {
    expect(() => parseSbom({ packages: [] })).toThrow(/Not an SBOM/)
    expect(() => parseSbom({ bomFormat: 'CycloneDX', components: [{ version: '1' }] })).toThrow(/no name/)
    expect(() => parseSbom({ spdxVersion: 'SPDX-2.3', packages: 'all of them' })).toThrow(/must be a list/)
  })
})

describe('parseStepEvidence', () => {
  it('never takes an npm package for an image', () => {
    expect(normalizeEcosystem('Docker')).toBe('container')
    expect(normalizeEcosystem('OCI')).toBe('container')
    expect(normalizeEcosystem('npm')).toBe('npm')
    const e = parseStepEvidence({ kind: 'artifact', title: 'Published', artifact: { name: '@acme/sdk@2.0.0', ecosystem: 'npm', digest: `sha512:${'ab'.repeat(64)}` } })
    expect(e.artifact).toMatchObject({ ecosystem: 'npm', digest: `sha512:${'ab'.repeat(64)}` })
  })

  it('refuses an image digest that is not a sha256 manifest digest, and bad fields', () => {
    expect(() => parseStepEvidence({ kind: 'artifact', title: 'x', artifact: { name: 'img', ecosystem: 'docker', digest: `sha512:${'ab'.repeat(64)}` } })).toThrow(/image digest/)
    expect(() => parseStepEvidence({ kind: 'Coverage!', title: '' })).toThrow(/kind: .*title/s)
    expect(() => parseStepEvidence({ kind: 'link', title: 'x', url: 'javascript:alert(1)' })).toThrow(/url/)
  })
})

describe('coverage evidence', () => {
  it('carries data.percent between 0 and 100, which the test gate compares', () => {
    expect(parseStepEvidence({ kind: 'coverage', title: 'Lines 81.4%', data: { percent: 81.4 } }).data).toEqual({ percent: 81.4 })
    expect(() => parseStepEvidence({ kind: 'coverage', title: 'Lines', data: { percent: '81%' } })).toThrow(/data\.percent/)
    expect(() => parseStepEvidence({ kind: 'coverage', title: 'Lines', data: { percent: 181 } })).toThrow(/data\.percent/)
  })
})
