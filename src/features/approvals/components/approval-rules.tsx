import { Badge } from '../../../components/ui/badge.tsx'
import type { ApprovalExplanation } from '../api/get-approval-explanation.ts'

const STATE_TONE = { met: 'success', open: 'accent', waiting: 'neutral' } as const satisfies Record<ApprovalExplanation['rules'][number]['state'], string>

/** Each rule's progress as the database counts it ("2 of 3 — needs Security (1 more)"), level by level. */
export function ApprovalRules({ explanation }: { explanation: ApprovalExplanation }) {
  const { rules, levels, current_level: level, policy } = explanation
  return (
    <section className="flex flex-col gap-1 text-xs" aria-label="Approval rules">
      {policy && (
        <p className="text-muted-foreground">
          Policy version {policy.version}{levels > 1 && ` · level ${level} of ${levels}`}
        </p>
      )}
      <ul className="flex flex-col gap-1">
        {rules.map((rule, i) => (
          <li key={rule.id ?? i} className="flex flex-wrap items-center gap-1.5" data-testid="approval-rule">
            {levels > 1 && <span className="text-muted-foreground">L{rule.level}</span>}
            <Badge tone={STATE_TONE[rule.state]}>{rule.name}</Badge>
            <span className="tabular-nums">{rule.summary}</span>
            {rule.people && <span className="text-muted-foreground" data-testid="approval-rule-people">from {rule.people.join(', ')}</span>}
            {rule.includes_me && <span className="text-muted-foreground">(you count here)</span>}
          </li>
        ))}
      </ul>
    </section>
  )
}
