import { Badge, type BadgeTone } from '../ui/badge.tsx'
import type { AnalysisFinding } from '../../lib/analysis-events.ts'

const SEVERITY = {
  critical: { label: 'Critical', tone: 'danger' },
  warning: { label: 'Warning', tone: 'warning' },
  info: { label: 'Info', tone: 'info' },
} as const satisfies Record<AnalysisFinding['severity'], { label: string; tone: BadgeTone }>

/** The rule-based findings, most severe first as the analyzer ordered them. */
export function AnalysisFindings({ findings, testId }: { findings: AnalysisFinding[]; testId?: string }) {
  if (findings.length === 0) return <p className="text-sm text-muted-foreground">The rules found nothing unusual.</p>
  return (
    <ul className="flex flex-col gap-2" data-testid={testId}>
      {findings.map((f, i) => (
        <li key={i} className="flex items-start gap-2 text-sm">
          <Badge tone={SEVERITY[f.severity]?.tone ?? 'neutral'}>{SEVERITY[f.severity]?.label ?? f.severity}</Badge>
          <span className="min-w-0 break-words">{f.message}</span>
        </li>
      ))}
    </ul>
  )
}
