// POST /parse-test-results/<integration id>?execution_id=…&node_id=… (CI, with the integration's webhook secret)
// or /parse-test-results?… signed in as an operator: a JUnit XML report → test_reports + test_cases of that
// run's node. 201 {id, total, passed, failed, errored, skipped, failing: [names]}; the same file again is 200
// with duplicate: true. Malformed XML is 400, over EVIDENCE_MAX_BYTES 413, and nothing is written.
import { handle } from '../_shared/http.ts'
import { receiveUpload, readReport, stored } from '../_shared/evidence/ingest.ts'
import { parseJUnit } from '../_shared/evidence/junit.ts'
import { storeTestReport } from '../_shared/evidence/store.ts'

export const parseTestResults = handle(['POST'], async (req) => {
  const upload = await receiveUpload(req, 'parse-test-results', 'xml')
  const report = readReport(() => parseJUnit(upload.body))
  const written = await storeTestReport(upload, report)
  const { cases, ...summary } = report
  return stored(written.id, written.created, {
    ...summary,
    failing: cases.filter((c) => c.status === 'failed' || c.status === 'error').slice(0, 20).map((c) => c.classname ? `${c.classname} › ${c.name}` : c.name),
  })
})
