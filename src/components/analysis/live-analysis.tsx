import { Bot, ListChecks } from 'lucide-react'
import { Alert } from '../ui/alert.tsx'
import { Badge } from '../ui/badge.tsx'
import type { LiveAnalysis } from '../../lib/use-analysis.ts'
import { AnalysisFindings } from './analysis-findings.tsx'
import { ReadAloudButton } from './read-aloud-button.tsx'

/** Which analyser answered: a model (named) or the rules. */
export function AnalyzerLabel({ analyzer, model }: { analyzer: string | null; model: string | null }) {
  return analyzer === 'model'
    ? <Badge tone="accent" data-testid="analysis-label"><Bot />AI analysis · {model}</Badge>
    : <Badge tone="neutral" data-testid="analysis-label"><ListChecks />Rule-based analysis</Badge>
}

/** An analysis as it arrives: the model's streamed answer above the rule-based findings, or the rules alone. */
export function LiveAnalysisView({ live, asking = "Gathering the logs and history…" }: { live: LiveAnalysis; asking?: string }) {
  if (live.phase === 'asking') return <p className="text-sm text-muted-foreground" role="status">{asking}</p>
  return (
    <div className="flex flex-col gap-3" data-testid="analysis-result">
      <div className="flex flex-wrap items-center gap-2">
        <AnalyzerLabel analyzer={live.analyzer} model={live.model} />
        {live.phase === 'streaming' && <span className="text-xs text-muted-foreground" role="status">Answer arriving…</span>}
        {live.tokens !== null && <span className="text-xs text-muted-foreground">{live.tokens} tokens</span>}
      </div>
      {live.analyzer === 'model' && (
        <div className="whitespace-pre-wrap text-sm" aria-live="polite" data-testid="analysis-answer">{live.answer}</div>
      )}
      {live.error && <Alert tone="danger" data-testid="analysis-error">{live.error}</Alert>}
      {live.summary && live.analyzer === 'rule-based' && <p className="text-sm font-medium" data-testid="analysis-summary">{live.summary}</p>}
      {live.phase === 'done' && live.analysisId && <ReadAloudButton analysisId={live.analysisId} />}
      {(live.analyzer === 'rule-based' || live.findings.length > 0) && (
        <div className="flex flex-col gap-2">
          {live.analyzer === 'model' && <h3 className="text-xs font-medium text-muted-foreground">Rule-based findings</h3>}
          <AnalysisFindings findings={live.findings} testId="analysis-findings" />
        </div>
      )}
    </div>
  )
}
