// POST /generate-sbom/<integration id>?execution_id=…&node_id=… (CI, with the integration's webhook secret) or
// /generate-sbom?… signed in as an operator: an SBOM in SPDX 2.x JSON or CycloneDX JSON (npm sbom, syft,
// trivy, cdxgen) → sboms + sbom_packages of that run's node. 201 {id, format, spec_version, package_count,
// licences, unlicensed}; the same file again is 200 with duplicate: true. Anything else is a 4xx, nothing written.
import { handle } from '../_shared/http.ts'
import { parseJsonBody, readReport, receiveUpload, stored } from '../_shared/evidence/ingest.ts'
import { parseSbom } from '../_shared/evidence/sbom.ts'
import { storeSbom } from '../_shared/evidence/store.ts'

export const generateSbom = handle(['POST'], async (req) => {
  const upload = await receiveUpload(req, 'generate-sbom', 'json')
  const sbom = readReport(() => parseSbom(parseJsonBody(upload.body, 'SBOM')))
  const written = await storeSbom(upload, sbom)
  const { packages, ...summary } = sbom
  return stored(written.id, written.created, { ...summary, package_count: packages.length })
})
