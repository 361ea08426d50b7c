import { useState } from 'react'
import { ErrorState, LoadingRows } from '../../../components/states.tsx'
import { Badge } from '../../../components/ui/badge.tsx'
import { useWorkspace } from '../../../lib/workspace.ts'
import { useApprovalPolicy } from '../api/approval-policy.ts'
import { groupLabel, intervalMinutes } from '../lib/policy-form.ts'
import { ApprovalPolicyEditor } from './approval-policy-editor.tsx'
import { PolicyHistory } from './policy-history.tsx'

/** An environment's approval policy: the current version's rules, its history, and for admins the editor. */
export function ApprovalPolicySection({ environment }: { environment: { id: string; key: string } }) {
  const { organization, role } = useWorkspace()
  const policy = useApprovalPolicy(environment.id, organization?.id ?? '')
  const [editing, setEditing] = useState(false)
  const version = policy.data?.versions[0]
  const expires = intervalMinutes(version?.expires_after)
  return (
    <section className="flex flex-col gap-2 rounded-md border bg-card p-4" aria-label="Approval policy" data-testid="approval-policy">
      <header className="flex items-center justify-between gap-2">
        <h2 className="font-medium">Approval policy</h2>
        {role === 'admin' && !editing && (
          <button type="button" className="text-xs underline underline-offset-2" onClick={() => setEditing(true)}>Edit policy</button>
        )}
      </header>
      {policy.isPending ? <LoadingRows rows={2} />
        : policy.isError ? <ErrorState error={policy.error} onRetry={() => void policy.refetch()} />
        : editing ? <ApprovalPolicyEditor environmentId={environment.id} data={policy.data} onDone={() => setEditing(false)} />
        : (
          <div className="flex flex-col gap-3 text-xs">
            {!version || !version.active ? (
              <p className="text-muted-foreground" data-testid="approval-policy-rules">No policy: deploys to {environment.key} need the environment's required approvals from admins or operators.</p>
            ) : (
              <div className="flex flex-col gap-1">
                <p className="text-muted-foreground">Version {version.version} · “{version.change_reason}”</p>
                <ul data-testid="approval-policy-rules">
                  {[...version.approval_policy_rules].sort((a, b) => a.position - b.position).map((r) => (
                    <li key={r.position}>Level {r.level}: <Badge>{r.name}</Badge> {r.required} from {groupLabel(r, policy.data.names)}</li>
                  ))}
                </ul>
                <p className="text-muted-foreground">
                  {[version.forbid_starter && 'starter cannot approve', version.forbid_commit_author && 'commit author cannot approve',
                    expires !== null && `expires after ${expires} min`, version.require_ticket && 'ticket id required',
                    version.require_impact && 'impact notes required'].filter(Boolean).join(' · ')}
                </p>
              </div>
            )}
            {version && <PolicyHistory key={version.version} data={policy.data} />}
          </div>
        )}
    </section>
  )
}
