// Trivy's JSON report (`trivy image --format json`, SchemaVersion 2) → one scan and its findings.
import { z } from 'zod'
import { EvidenceError } from './errors.ts'

export const SEVERITIES = ['critical', 'high', 'medium', 'low', 'unknown'] as const
export type Severity = (typeof SEVERITIES)[number]

export interface Finding {
  vulnerability_id: string
  severity: Severity
  package_name: string
  installed_version: string | null
  fixed_version: string | null
  title: string | null
  target: string | null
  primary_url: string | null
}

export interface VulnerabilityScan {
  scanner_version: string | null
  artifact_name: string | null
  artifact_type: string | null
  counts: Record<Severity, number>
  findings: Finding[]
}

export const MAX_FINDINGS = 50_000

const optionalText = z.string().max(2000).nullish()
const vulnerability = z.object({
  VulnerabilityID: z.string().min(1).max(200),
  PkgName: z.string().min(1).max(500),
  InstalledVersion: optionalText,
  FixedVersion: optionalText,
  Severity: z.string().max(20).optional(),
  Title: optionalText,
  PrimaryURL: optionalText,
})
const report = z.object({
  SchemaVersion: z.number().int().min(2, 'Trivy JSON SchemaVersion 2 or later (Trivy 0.20+)'),
  ArtifactName: optionalText,
  ArtifactType: optionalText,
  Trivy: z.object({ Version: z.string().max(50).optional() }).optional(),
  Results: z.array(z.object({
    Target: optionalText,
    Vulnerabilities: z.array(vulnerability).nullish(),
  })).default([]),
})

function severity(value: string | undefined): Severity {
  const s = (value ?? '').toLowerCase()
  return (SEVERITIES as readonly string[]).includes(s) ? s as Severity : 'unknown'
}

/** Parses a Trivy JSON document (already JSON-decoded); throws EvidenceError when it is not one. */
export function parseTrivy(body: unknown): VulnerabilityScan {
  const parsed = report.safeParse(body)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    throw new EvidenceError(`Not a Trivy JSON report (trivy --format json): ${issue.path.join('.') || 'the document'}: ${issue.message}`)
  }
  const findings: Finding[] = []
  for (const result of parsed.data.Results) {
    for (const v of result.Vulnerabilities ?? []) {
      if (findings.length >= MAX_FINDINGS) throw new EvidenceError(`The report has more than ${MAX_FINDINGS} findings`)
      findings.push({
        vulnerability_id: v.VulnerabilityID, severity: severity(v.Severity), package_name: v.PkgName,
        installed_version: v.InstalledVersion ?? null, fixed_version: v.FixedVersion || null, title: v.Title ?? null,
        target: result.Target ?? null, primary_url: v.PrimaryURL ?? null,
      })
    }
  }
  const counts = Object.fromEntries(SEVERITIES.map((s) => [s, findings.filter((f) => f.severity === s).length])) as Record<Severity, number>
  return {
    scanner_version: parsed.data.Trivy?.Version ?? null,
    artifact_name: parsed.data.ArtifactName ?? null,
    artifact_type: parsed.data.ArtifactType ?? null,
    counts,
    findings,
  }
}
