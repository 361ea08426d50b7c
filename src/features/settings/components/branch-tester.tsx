import { useState } from 'react'
import { Alert } from '../../../components/ui/alert.tsx'
import { Input, NativeSelect } from '../../../components/ui/input.tsx'
import { Label } from '../../../components/ui/label.tsx'
import type { BranchMappingRow } from '../api/list-branch-mappings.ts'
import type { Integration } from '../api/list-integrations.ts'
import { testBranch } from '../lib/branch-test.ts'

/** "Test a branch": the mapping a push would use (the server's first-match rule) and whether a run starts. */
export function BranchTester({ mappings, integrations, describe }: {
  mappings: BranchMappingRow[]
  integrations: Integration[]
  describe: (m: BranchMappingRow) => { environment: string; pipeline: string }
}) {
  const [branch, setBranch] = useState('')
  const [integrationId, setIntegrationId] = useState(integrations[0]?.id ?? '')
  const verdict = branch.trim() ? testBranch(mappings, branch, integrationId || null) : null
  return (
    <div className="flex flex-col gap-2 rounded-md border p-3">
      <div className="flex flex-wrap items-end gap-3">
        <div className="flex min-w-56 flex-1 flex-col gap-1.5">
          <Label htmlFor="test-branch">Test a branch</Label>
          <Input id="test-branch" placeholder="release/2.4" value={branch} onChange={(e) => setBranch(e.target.value)} />
        </div>
        {integrations.length > 1 && (
          <div className="flex flex-col gap-1.5">
            <Label htmlFor="test-integration">Pushed to</Label>
            <NativeSelect id="test-integration" value={integrationId} onChange={(e) => setIntegrationId(e.target.value)}>
              {integrations.map((i) => <option key={i.id} value={i.id}>{i.repository_owner}/{i.repository_name}</option>)}
            </NativeSelect>
          </div>
        )}
      </div>
      {verdict && (
        <Alert tone={verdict.outcome === 'starts' ? 'success' : verdict.outcome === 'no_mapping' || verdict.outcome === 'not_a_branch' ? 'info' : 'warning'}
          data-testid="branch-verdict" data-mapping-id={'mapping' in verdict ? verdict.mapping.id : ''}>
          {verdict.outcome === 'not_a_branch' && <>Not a branch: tags and other refs never start runs.</>}
          {verdict.outcome === 'no_mapping' && <>No mapping matches <code className="font-mono">{verdict.branch}</code>: a push is recorded and nothing starts.</>}
          {'mapping' in verdict && (
            <>
              <code className="font-mono">{verdict.branch}</code> matches <code className="font-mono">{verdict.mapping.branch_pattern}</code> (position {verdict.mapping.position}) → {describe(verdict.mapping).environment}.{' '}
              {verdict.outcome === 'starts' && <strong>A push starts {describe(verdict.mapping).pipeline}.</strong>}
              {verdict.outcome === 'not_deployable' && <strong>Not deployable: the match is recorded, nothing starts.</strong>}
              {verdict.outcome === 'no_pipeline' && <strong>No pipeline chosen: nothing starts.</strong>}
            </>
          )}
        </Alert>
      )}
    </div>
  )
}
