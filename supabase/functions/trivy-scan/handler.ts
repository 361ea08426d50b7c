// POST /trivy-scan/<integration id>?execution_id=…&node_id=… (CI, with the integration's webhook secret) or
// /trivy-scan?… signed in as an operator: Trivy's JSON report (trivy image|fs --format json) →
// vulnerability_scans + vulnerability_findings of that run's node. 201 {id, artifact_name, counts,
// critical_ids}; the same file again is 200 with duplicate: true. Anything else is a 4xx and writes nothing.
import { handle } from '../_shared/http.ts'
import { parseJsonBody, readReport, receiveUpload, stored } from '../_shared/evidence/ingest.ts'
import { parseTrivy } from '../_shared/evidence/trivy.ts'
import { storeScan } from '../_shared/evidence/store.ts'

export const trivyScan = handle(['POST'], async (req) => {
  const upload = await receiveUpload(req, 'trivy-scan', 'json')
  const scan = readReport(() => parseTrivy(parseJsonBody(upload.body, 'Trivy report')))
  const written = await storeScan(upload, scan)
  return stored(written.id, written.created, {
    artifact_name: scan.artifact_name,
    counts: scan.counts,
    critical_ids: [...new Set(scan.findings.filter((f) => f.severity === 'critical').map((f) => f.vulnerability_id))].slice(0, 20),
  })
})
