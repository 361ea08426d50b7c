import { Box, Bug, FileCheck2, Package, ScrollText } from 'lucide-react'
import type { ReactNode } from 'react'
import { CopyButton } from '../../../components/copy-field.tsx'
import { Badge } from '../../../components/ui/badge.tsx'
import { formatDuration } from '../../../lib/format.ts'
import type { RunEvidence } from '../api/list-evidence.ts'
import { licenceSummary, SEVERITIES, severityMeta, shortDigest } from '../lib/evidence.ts'

type NodeEvidence = RunEvidence[number]

function Section({ icon, title, children, testId }: { icon: ReactNode; title: string; children: ReactNode; testId: string }) {
  return (
    <section className="flex flex-col gap-1.5" data-testid={testId} aria-label={title}>
      <h4 className="flex items-center gap-1.5 text-xs font-medium text-muted-foreground [&_svg]:size-3.5">{icon}{title}</h4>
      {children}
    </section>
  )
}

/** Each report's counts, and the failing cases with their messages. */
export function TestReports({ reports }: { reports: NodeEvidence['reports'] }) {
  return (
    <Section icon={<FileCheck2 />} title="Tests" testId="evidence-tests">
      {reports.map((r) => (
        <div key={r.id} className="flex flex-col gap-1">
          <p className="flex flex-wrap items-center gap-1.5 text-sm">
            <span className="font-medium">{r.name ?? 'Test report'}</span>
            <Badge tone="success">{r.passed} passed</Badge>
            <Badge tone={r.failed + r.errored > 0 ? 'danger' : 'neutral'} data-testid="evidence-tests-failed">{r.failed + r.errored} failed</Badge>
            {r.skipped > 0 && <Badge>{r.skipped} skipped</Badge>}
            <span className="text-xs text-muted-foreground">{r.total} tests{r.duration_ms !== null ? ` in ${formatDuration(r.duration_ms)}` : ''}</span>
          </p>
          {r.test_cases.length > 0 && (
            <ul className="flex flex-col gap-1" aria-label="Failing tests">
              {r.test_cases.map((c) => (
                <li key={c.id} className="rounded-md border border-destructive/30 bg-destructive/5 px-2 py-1 text-sm" data-testid="evidence-failing-case">
                  <span className="font-medium">{c.name}</span>
                  {c.classname && <span className="text-xs text-muted-foreground"> · {c.classname}</span>}
                  {c.status === 'error' && <Badge tone="danger" className="ml-1">error</Badge>}
                  {c.message && <p className="font-mono text-xs break-words text-muted-foreground">{c.message}</p>}
                </li>
              ))}
            </ul>
          )}
        </div>
      ))}
    </Section>
  )
}

/** Findings by severity, and the critical and high ones with their CVE ids and fixes. */
export function VulnerabilityScans({ scans }: { scans: NodeEvidence['scans'] }) {
  return (
    <Section icon={<Bug />} title="Vulnerabilities" testId="evidence-vulnerabilities">
      {scans.map((s) => (
        <div key={s.id} className="flex flex-col gap-1">
          <p className="flex flex-wrap items-center gap-1.5 text-sm">
            <span className="font-medium">{s.artifact_name ?? s.scanner}</span>
            {SEVERITIES.map((sev) => <Badge key={sev} tone={s[sev] > 0 ? severityMeta[sev].tone : 'neutral'} data-testid={`evidence-severity-${sev}`}>{s[sev]} {severityMeta[sev].label.toLowerCase()}</Badge>)}
          </p>
          {s.vulnerability_findings.length > 0 && (
            <ul className="flex flex-col gap-0.5 text-sm" aria-label="Critical and high findings">
              {s.vulnerability_findings.map((f) => (
                <li key={f.id} className="flex flex-wrap items-baseline gap-1.5" data-testid="evidence-finding">
                  <Badge tone={severityMeta[f.severity].tone}>{severityMeta[f.severity].label}</Badge>
                  <span className="font-mono text-xs">{f.vulnerability_id}</span>
                  <span>{f.package_name} {f.installed_version}</span>
                  <span className="text-xs text-muted-foreground">{f.fixed_version ? `fixed in ${f.fixed_version}` : 'no fix yet'}</span>
                </li>
              ))}
            </ul>
          )}
        </div>
      ))}
    </Section>
  )
}

/** Package count and the licences most packages carry. */
export function Sboms({ sboms }: { sboms: NodeEvidence['sboms'] }) {
  const licences = licenceSummary(sboms)
  return (
    <Section icon={<Package />} title="Software bill of materials" testId="evidence-sbom">
      {sboms.map((s) => (
        <p key={s.id} className="text-sm">
          <span className="font-medium">{s.package_count} packages</span>
          <span className="text-muted-foreground"> · {s.format === 'spdx' ? 'SPDX' : 'CycloneDX'} {s.spec_version?.replace(/^SPDX-/, '')}{s.name ? ` · ${s.name}` : ''}{s.unlicensed ? ` · ${s.unlicensed} without a licence` : ''}</span>
        </p>
      ))}
      <p className="flex flex-wrap gap-1" aria-label="Licences">
        {licences.top.map(([licence, n]) => <Badge key={licence}>{licence} {n}</Badge>)}
        {licences.rest > 0 && <Badge>other {licences.rest}</Badge>}
      </p>
    </Section>
  )
}

/** What the step built: name, ecosystem, registry and digest. */
export function Artifacts({ artifacts }: { artifacts: NodeEvidence['artifacts'] }) {
  return (
    <Section icon={<Box />} title="Artifacts" testId="evidence-artifacts">
      {artifacts.map((a) => {
        const digest = a.digest ?? a.image_digest
        return (
          <div key={a.id} className="flex flex-wrap items-center gap-1.5 text-sm" data-testid="evidence-artifact">
            <span className="font-medium">{a.name}</span>
            {a.ecosystem && <Badge tone="accent">{a.ecosystem === 'container' ? 'image' : a.ecosystem}</Badge>}
            {a.registry_url && <span className="text-xs text-muted-foreground">{a.registry_url}</span>}
            {digest && <><code className="font-mono text-xs" title={digest}>{shortDigest(digest)}</code><CopyButton value={digest} label="digest" /></>}
          </div>
        )
      })}
    </Section>
  )
}

const stepTone = { passed: 'success', failed: 'danger', warning: 'warning', info: 'neutral' } as const

export function StepEvidence({ steps }: { steps: NodeEvidence['steps'] }) {
  return (
    <Section icon={<ScrollText />} title="Reported by the step" testId="evidence-steps">
      {steps.map((e) => (
        <p key={e.id} className="flex flex-wrap items-center gap-1.5 text-sm">
          <Badge tone={stepTone[e.status as keyof typeof stepTone] ?? 'neutral'}>{e.kind}</Badge>
          {e.url ? <a className="underline" href={e.url} target="_blank" rel="noreferrer">{e.title}</a> : <span>{e.title}</span>}
          {e.summary && <span className="text-xs text-muted-foreground">{e.summary}</span>}
        </p>
      ))}
    </Section>
  )
}
