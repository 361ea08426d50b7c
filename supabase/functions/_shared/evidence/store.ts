// Writes one upload as one SQL statement (the report row and all its children, or nothing), with the service
// connection: the sender was authorized for this run by receiveUpload. The same bytes for the same node
// again insert nothing (unique content_sha256) and return the row already there.
import { one } from '../github/db.ts'
import type { Upload } from './ingest.ts'
import type { TestReport } from './junit.ts'
import type { VulnerabilityScan } from './trivy.ts'
import type { Sbom } from './sbom.ts'

export interface Written { id: string; created: boolean }

const COMMON = 'project_id, execution_id, node_id, content_sha256, integration_id, recorded_by'
const commonValues = (u: Upload) => [u.target.projectId, u.target.executionId, u.target.nodeId, u.sha256, u.sender.integrationId, u.sender.userId]

async function existing(table: string, u: Upload): Promise<Written> {
  const row = await one<{ id: string }>(
    `select id from public.${table} where execution_id = $1 and node_id = $2 and content_sha256 = $3`,
    [u.target.executionId, u.target.nodeId, u.sha256],
  )
  return { id: row!.id, created: false }
}

export async function storeTestReport(u: Upload, r: TestReport): Promise<Written> {
  const row = await one<{ id: string | null }>(
    `with report as (
       insert into public.test_reports (${COMMON}, format, name, total, passed, failed, errored, skipped, duration_ms)
       values ($1, $2, $3, $4, $5, $6, 'junit', $7, $8, $9, $10, $11, $12, $13)
       on conflict (execution_id, node_id, content_sha256) do nothing
       returning id
     ), cases as (
       insert into public.test_cases (report_id, project_id, execution_id, node_id, suite, classname, name, status, duration_ms, message, details)
       select report.id, $1, $2, $3, c.suite, c.classname, c.name, c.status, c.duration_ms, c.message, c.details
       from report, jsonb_to_recordset($14::jsonb) as c (suite text, classname text, name text, status public.test_case_status,
         duration_ms integer, message text, details text)
       returning 1
     )
     select (select id from report) as id, (select count(*) from cases) as cases`,
    [...commonValues(u), r.name, r.total, r.passed, r.failed, r.errored, r.skipped, r.duration_ms, JSON.stringify(r.cases)],
  )
  return row?.id ? { id: row.id, created: true } : existing('test_reports', u)
}

export async function storeScan(u: Upload, s: VulnerabilityScan): Promise<Written> {
  const row = await one<{ id: string | null }>(
    `with scan as (
       insert into public.vulnerability_scans (${COMMON}, scanner, scanner_version, artifact_name, artifact_type, critical, high, medium, low, unknown)
       values ($1, $2, $3, $4, $5, $6, 'trivy', $7, $8, $9, $10, $11, $12, $13, $14)
       on conflict (execution_id, node_id, content_sha256) do nothing
       returning id
     ), findings as (
       insert into public.vulnerability_findings (scan_id, project_id, execution_id, node_id, vulnerability_id, severity, package_name,
         installed_version, fixed_version, title, target, primary_url)
       select scan.id, $1, $2, $3, f.vulnerability_id, f.severity, f.package_name, f.installed_version, f.fixed_version, f.title, f.target, f.primary_url
       from scan, jsonb_to_recordset($15::jsonb) as f (vulnerability_id text, severity public.vulnerability_severity, package_name text,
         installed_version text, fixed_version text, title text, target text, primary_url text)
       returning 1
     )
     select (select id from scan) as id, (select count(*) from findings) as findings`,
    [...commonValues(u), s.scanner_version, s.artifact_name, s.artifact_type, s.counts.critical, s.counts.high, s.counts.medium,
      s.counts.low, s.counts.unknown, JSON.stringify(s.findings)],
  )
  return row?.id ? { id: row.id, created: true } : existing('vulnerability_scans', u)
}

export async function storeSbom(u: Upload, s: Sbom): Promise<Written> {
  const row = await one<{ id: string | null }>(
    `with sbom as (
       insert into public.sboms (${COMMON}, format, spec_version, name, package_count, licences, unlicensed)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11::jsonb, $12)
       on conflict (execution_id, node_id, content_sha256) do nothing
       returning id
     ), packages as (
       insert into public.sbom_packages (sbom_id, project_id, execution_id, node_id, name, version, purl, ecosystem, licences)
       select sbom.id, $1, $2, $3, p.name, p.version, p.purl, p.ecosystem, array(select jsonb_array_elements_text(p.licences))
       from sbom, jsonb_to_recordset($13::jsonb) as p (name text, version text, purl text, ecosystem text, licences jsonb)
       returning 1
     )
     select (select id from sbom) as id, (select count(*) from packages) as packages`,
    [...commonValues(u), s.format, s.spec_version, s.name, s.packages.length, JSON.stringify(s.licences), s.unlicensed, JSON.stringify(s.packages)],
  )
  return row?.id ? { id: row.id, created: true } : existing('sboms', u)
}

export interface StepEvidence {
  kind: string
  title: string
  status: 'passed' | 'failed' | 'warning' | 'info'
  summary?: string
  url?: string
  data: Record<string, unknown>
}

export interface ArtifactInput {
  name: string
  ecosystem: string
  digest?: string
  registry_url?: string
  size_bytes?: number
}

/**
 * Generic evidence, and with it the artifact the step built: linked to the run and node. An artifact the
 * registry already announced (same digest in the project, not yet linked to a run) is linked rather than
 * recorded twice.
 */
export async function storeStepEvidence(u: Upload, e: StepEvidence, artifact?: ArtifactInput): Promise<Written & { artifact_id: string | null }> {
  const row = await one<{ id: string | null; artifact_id: string | null }>(
    `with evidence as (
       insert into public.step_evidence (${COMMON}, kind, title, status, summary, url, data)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12::jsonb)
       on conflict (execution_id, node_id, content_sha256) do nothing
       returning id
     ), known as (
       update public.artifacts a set execution_id = $2, node_id = $3, ecosystem = coalesce(a.ecosystem, $14)
       where $13::text is not null and a.project_id = $1 and a.execution_id is null and $15::text is not null and a.digest = $15
         and exists (select 1 from evidence)
       returning a.id
     ), recorded as (
       insert into public.artifacts (project_id, execution_id, node_id, name, ecosystem, digest, image_digest, registry_url, size_bytes, metadata)
       select $1, $2, $3, $13, $14, $15, case when $14 = 'container' then $15 end, $16, $17, jsonb_build_object('source', 'record-ci-evidence')
       from evidence where $13::text is not null and not exists (select 1 from known)
       returning id
     )
     select (select id from evidence) as id, coalesce((select id from known limit 1), (select id from recorded)) as artifact_id`,
    [...commonValues(u), e.kind, e.title, e.status, e.summary ?? null, e.url ?? null, JSON.stringify(e.data),
      artifact?.name ?? null, artifact?.ecosystem ?? null, artifact?.digest ?? null, artifact?.registry_url ?? null, artifact?.size_bytes ?? null],
  )
  if (row?.id) return { id: row.id, created: true, artifact_id: row.artifact_id }
  const before = await existing('step_evidence', u)
  const linked = await one<{ id: string }>(
    `select id from public.artifacts where execution_id = $1 and node_id = $2 and name = $3 order by created_at desc limit 1`,
    [u.target.executionId, u.target.nodeId, artifact?.name ?? null],
  )
  return { ...before, artifact_id: linked?.id ?? null }
}
