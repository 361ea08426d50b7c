// POST /record-ci-evidence/<integration id>?execution_id=…&node_id=… (CI, with the integration's webhook secret)
// or /record-ci-evidence?… signed in as an operator: generic step evidence (coverage, lint, a link, figures) and
// optionally the artifact the step built (name, ecosystem, digest, registry), linked to the run and node.
// 201 {id, artifact_id}; the same body again is 200 with duplicate: true.
import { handle } from '../_shared/http.ts'
import { parseJsonBody, readReport, receiveUpload, stored } from '../_shared/evidence/ingest.ts'
import { parseStepEvidence } from '../_shared/evidence/step.ts'
import { storeStepEvidence } from '../_shared/evidence/store.ts'

export const recordCiEvidence = handle(['POST'], async (req) => {
  const upload = await receiveUpload(req, 'record-ci-evidence', 'json')
  const { artifact, ...evidence } = readReport(() => parseStepEvidence(parseJsonBody(upload.body, 'evidence')))
  const written = await storeStepEvidence(upload, evidence, artifact)
  return stored(written.id, written.created, { artifact_id: written.artifact_id })
})
