import { lazy, Suspense } from 'react'
import { Link } from 'react-router'
import { StatusBadge } from '../../../components/status-badge.tsx'
import { Badge } from '../../../components/ui/badge.tsx'
import { Progress } from '../../../components/ui/progress.tsx'
import { formatDateTime, timeAgo } from '../../../lib/format.ts'
import { useWorkspace } from '../../../lib/workspace.ts'
import { useApprovalExplanation } from '../api/get-approval-explanation.ts'
import type { ApprovalRequest } from '../api/get-approvals.ts'
import { voteEligibility, type Eligibility } from '../lib/vote-eligibility.ts'
import { ApprovalRules } from './approval-rules.tsx'

// The form brings react-hook-form and zod; the home page shows approvals before anyone votes.
const VoteForm = lazy(() => import('./vote-form.tsx').then((m) => ({ default: m.VoteForm })))

export function requestLabel(request: ApprovalRequest): string {
  return request.title ?? `${request.node_id} of ${request.executions?.name ?? 'a run'}`
}

/** One approval request: its run, environment, approvals so far, people, expiry, votes and (if open) the vote form. */
export function ApprovalCard({ request, compact = false }: { request: ApprovalRequest; compact?: boolean }) {
  const { user, role, project } = useWorkspace()
  const label = requestLabel(request)
  // The database's explanation (policy rules, separation of duties, levels) wins once it has arrived.
  const explanation = useApprovalExplanation(request.id).data
  const fallback = voteEligibility({
    userId: user.id, role, status: request.status, expiresAt: request.expires_at, allowedRoles: request.allowed_roles,
    allowSelfApproval: request.allow_self_approval, startedBy: request.executions?.started_by ?? null,
    voterIds: request.approval_votes.map((v) => v.user_id),
  })
  const eligibility: Eligibility = !explanation ? fallback
    : explanation.me.can_approve ? { canVote: true, reason: null }
    : { canVote: false, reason: explanation.me.reason ?? 'You cannot vote on this request.' }
  return (
    <article className="flex flex-col gap-3 rounded-md border bg-card p-4" data-testid={`approval-${request.id}`} aria-label={label}>
      <header className="flex flex-wrap items-start justify-between gap-2">
        <div className="min-w-0">
          <h3 className="truncate font-medium">{label}</h3>
          <p className="text-xs text-muted-foreground">
            Run <Link className="underline underline-offset-2" to={`/executions/${request.execution_id}`}>{request.executions?.name ?? request.execution_id.slice(0, 8)}</Link>
            {request.environments && <> → <Badge tone="accent">{request.environments.key}</Badge></>}
          </p>
        </div>
        <StatusBadge kind="approval" status={request.status} />
      </header>

      <div className="flex items-center gap-3">
        <Progress value={(100 * Math.min(request.approval_count, request.required_approvals)) / request.required_approvals} className="h-1.5 flex-1" aria-label="Approvals so far" />
        <span className="text-xs tabular-nums" data-testid="approval-count">{request.approval_count} of {request.required_approvals} approvals</span>
      </div>

      {explanation && !compact && <ApprovalRules explanation={explanation} />}
      {explanation?.waiting_for && request.status === 'pending' && (
        <p className="text-xs" data-testid="approval-blocker">Waiting for {explanation.waiting_for.replace(/^Level \d+ of \d+: /, '')}</p>
      )}

      <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-0.5 text-xs">
        <dt className="text-muted-foreground">Requested by</dt><dd>{request.requestedByName ?? 'the engine'} · {timeAgo(request.created_at)}</dd>
        <dt className="text-muted-foreground">Run started by</dt><dd>{request.startedByName ?? 'an automated trigger'}</dd>
        {request.status === 'pending'
          ? <><dt className="text-muted-foreground">Expires</dt><dd title={formatDateTime(request.expires_at)}>{request.expires_at ? timeAgo(request.expires_at) : 'never'}</dd></>
          : <><dt className="text-muted-foreground">Decided</dt><dd title={formatDateTime(request.resolved_at)}>{timeAgo(request.resolved_at ?? request.created_at)}</dd></>}
      </dl>

      {request.approval_votes.length > 0 && !compact && (
        <ul className="flex flex-col gap-1 border-t pt-2 text-xs" aria-label="Votes">
          {request.approval_votes.map((v) => (
            <li key={v.id} className="flex flex-wrap gap-1.5">
              <Badge tone={v.vote === 'approve' ? 'success' : 'danger'}>{v.vote === 'approve' ? 'Approved' : 'Rejected'}</Badge>
              <span className="font-medium">{v.voterName}</span>
              <span className="text-muted-foreground">{timeAgo(v.created_at)}</span>
              {v.comment && <span className="w-full text-muted-foreground">“{v.comment}”</span>}
            </li>
          ))}
        </ul>
      )}

      {request.status === 'pending' && project && (
        <Suspense fallback={<p className="text-xs text-muted-foreground">Loading the vote form…</p>}>
          <VoteForm request={{ id: request.id, projectId: project.id, label }} eligibility={eligibility} compact={compact}
            needsTicket={explanation?.me.needs_ticket} needsImpact={explanation?.me.needs_impact} />
        </Suspense>
      )}
    </article>
  )
}
