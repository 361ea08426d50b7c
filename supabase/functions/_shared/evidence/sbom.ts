// SBOMs in SPDX 2.x JSON and CycloneDX JSON (what `npm sbom`, syft, trivy and cdxgen write) → a document,
// its packages and a licence summary (licence id or expression → number of packages).
import { EvidenceError } from './errors.ts'

export interface SbomPackage {
  name: string
  version: string | null
  purl: string | null
  ecosystem: string | null
  licences: string[]
}

export interface Sbom {
  format: 'spdx' | 'cyclonedx'
  spec_version: string | null
  name: string | null
  packages: SbomPackage[]
  licences: Record<string, number>
  unlicensed: number
}

export const MAX_PACKAGES = 100_000

// deno-lint-ignore no-explicit-any
type Json = Record<string, any>

const NO_LICENCE = new Set(['NOASSERTION', 'NONE', ''])

function str(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value.trim().slice(0, 1000) : null
}

/** The purl's type (`pkg:npm/…` → npm), which names the ecosystem. */
export function purlEcosystem(purl: string | null): string | null {
  const m = purl?.match(/^pkg:([a-z0-9.+-]+)\//i)
  return m ? m[1].toLowerCase() : null
}

function spdxPackages(doc: Json): SbomPackage[] {
  if (!Array.isArray(doc.packages)) throw new EvidenceError('Not an SPDX document: "packages" must be a list')
  const described = new Set<string>((doc.documentDescribes ?? []) as string[])
  for (const r of (doc.relationships ?? []) as Json[]) {
    if (r?.relationshipType === 'DESCRIBES' && r.spdxElementId === 'SPDXRef-DOCUMENT') described.add(r.relatedSpdxElement)
  }
  return (doc.packages as Json[]).filter((p) => !described.has(p?.SPDXID)).map((p) => {
    if (!str(p?.name)) throw new EvidenceError('An SPDX package has no name')
    const purl = str(((p.externalRefs ?? []) as Json[]).find((r) => r?.referenceType === 'purl')?.referenceLocator)
    const licence = str(p.licenseConcluded) && !NO_LICENCE.has(p.licenseConcluded) ? p.licenseConcluded : p.licenseDeclared
    return { name: str(p.name)!, version: str(p.versionInfo), purl, ecosystem: purlEcosystem(purl), licences: str(licence) && !NO_LICENCE.has(licence) ? [str(licence)!] : [] }
  })
}

function cyclonedxLicences(list: unknown): string[] {
  if (!Array.isArray(list)) return []
  return list.map((l: Json) => str(l?.expression) ?? str(l?.license?.id) ?? str(l?.license?.name)).filter((l): l is string => l !== null)
}

function cyclonedxPackages(doc: Json): SbomPackage[] {
  if (doc.components !== undefined && !Array.isArray(doc.components)) throw new EvidenceError('Not a CycloneDX BOM: "components" must be a list')
  const out: SbomPackage[] = []
  const walk = (components: Json[]) => {
    for (const c of components) {
      if (!str(c?.name)) throw new EvidenceError('A CycloneDX component has no name')
      if (out.length >= MAX_PACKAGES) throw new EvidenceError(`The SBOM lists more than ${MAX_PACKAGES} packages`)
      const purl = str(c.purl)
      out.push({ name: c.group ? `${str(c.group)}/${str(c.name)}` : str(c.name)!, version: str(c.version), purl, ecosystem: purlEcosystem(purl), licences: cyclonedxLicences(c.licenses) })
      if (Array.isArray(c.components)) walk(c.components)
    }
  }
  walk((doc.components ?? []) as Json[])
  return out
}

/** Parses an SPDX or CycloneDX JSON document (already JSON-decoded); throws EvidenceError for anything else. */
export function parseSbom(body: unknown): Sbom {
  const doc = (body ?? {}) as Json
  let sbom: Omit<Sbom, 'licences' | 'unlicensed'>
  if (typeof doc.spdxVersion === 'string') {
    sbom = { format: 'spdx', spec_version: str(doc.spdxVersion), name: str(doc.name), packages: spdxPackages(doc) }
  } else if (doc.bomFormat === 'CycloneDX') {
    const main = doc.metadata?.component
    sbom = { format: 'cyclonedx', spec_version: str(doc.specVersion), name: str(main?.name) ?? str(doc.serialNumber), packages: cyclonedxPackages(doc) }
  } else {
    throw new EvidenceError('Not an SBOM: expected SPDX JSON ("spdxVersion") or CycloneDX JSON ("bomFormat": "CycloneDX")')
  }
  if (sbom.packages.length > MAX_PACKAGES) throw new EvidenceError(`The SBOM lists more than ${MAX_PACKAGES} packages`)
  const licences: Record<string, number> = {}
  let unlicensed = 0
  for (const p of sbom.packages) {
    if (!p.licences.length) unlicensed++
    for (const l of new Set(p.licences)) licences[l] = (licences[l] ?? 0) + 1
  }
  return { ...sbom, licences, unlicensed }
}
