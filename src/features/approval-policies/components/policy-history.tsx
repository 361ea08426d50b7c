import { History } from 'lucide-react'
import { useState } from 'react'
import { NativeSelect } from '../../../components/ui/input.tsx'
import { formatDateTime, timeAgo } from '../../../lib/format.ts'
import type { ApprovalPolicyData } from '../api/approval-policy.ts'
import { describePolicyChange, diffPolicies } from '../lib/policy-diff.ts'

/** Every version of the policy (who, when, why) and what changed between any two. */
export function PolicyHistory({ data }: { data: ApprovalPolicyData }) {
  const { versions, names } = data
  const current = versions[0]
  const [from, setFrom] = useState(versions[1]?.version ?? current.version)
  const [to, setTo] = useState(current.version)
  const a = versions.find((v) => v.version === from)
  const b = versions.find((v) => v.version === to)
  const changes = a && b ? diffPolicies(a, b, names) : []
  return (
    <div className="flex flex-col gap-3">
      <section aria-labelledby="policy-history-title" className="flex flex-col gap-2">
        <h3 id="policy-history-title" className="flex items-center gap-2 text-sm font-medium"><History className="size-4" aria-hidden /> Policy history</h3>
        <ol className="flex flex-col divide-y rounded-md border text-xs" aria-label="Policy versions">
          {versions.map((v) => (
            <li key={v.id} className="flex flex-wrap items-center gap-2 px-3 py-2" data-testid={`policy-version-${v.version}`}>
              <span className="font-mono">v{v.version}</span>
              <span className="font-medium">{v.change_reason}</span>
              <span className="text-muted-foreground">
                {v.author}, <time dateTime={v.created_at} title={formatDateTime(v.created_at)}>{timeAgo(v.created_at)}</time>
                {!v.active && ' · removes the policy'}
              </span>
            </li>
          ))}
        </ol>
      </section>
      {versions.length > 1 && (
        <section aria-labelledby="policy-diff-title" className="flex flex-col gap-2">
          <h3 id="policy-diff-title" className="text-sm font-medium">Compare policy versions</h3>
          <div className="flex items-center gap-2 text-sm">
            <NativeSelect aria-label="From policy version" className="w-28" value={from} onChange={(e) => setFrom(Number(e.target.value))}>
              {versions.map((v) => <option key={v.id} value={v.version}>v{v.version}</option>)}
            </NativeSelect>
            <span aria-hidden>→</span>
            <NativeSelect aria-label="To policy version" className="w-28" value={to} onChange={(e) => setTo(Number(e.target.value))}>
              {versions.map((v) => <option key={v.id} value={v.version}>v{v.version}</option>)}
            </NativeSelect>
          </div>
          {changes.length === 0 ? <p className="text-xs text-muted-foreground">No differences between v{from} and v{to}.</p> : (
            <ul className="rounded-md border bg-muted/30 p-3 font-mono text-xs" aria-label={`Policy changes from v${from} to v${to}`}>
              {changes.map((c) => (
                <li key={`${c.kind}-${c.subject}`} className={c.kind === 'added' ? 'text-success' : c.kind === 'removed' ? 'text-destructive' : ''}>{describePolicyChange(c)}</li>
              ))}
            </ul>
          )}
        </section>
      )}
    </div>
  )
}
