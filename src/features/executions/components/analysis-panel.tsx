import { Bot, ListChecks, Sparkles } from 'lucide-react'
import { ErrorState, LoadingRows } from '../../../components/states.tsx'
import { Alert } from '../../../components/ui/alert.tsx'
import { Badge } from '../../../components/ui/badge.tsx'
import { Button } from '../../../components/ui/button.tsx'
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '../../../components/ui/card.tsx'
import { formatDateTime } from '../../../lib/format.ts'
import { useAnalyses, type StoredAnalysis } from '../api/list-analyses.ts'
import { useRunAnalysis, type LiveAnalysis } from '../hooks/use-run-analysis.ts'
import type { AnalysisFinding } from '../lib/analysis-events.ts'
import { AnalysisFindings } from './analysis-findings.tsx'
import { ReadAloudButton } from './read-aloud-button.tsx'

/** Why a failed run failed: ask for an analysis (a model's streamed answer, or the labelled rule-based one), and earlier ones. */
export function AnalysisPanel({ executionId, nodeId }: { executionId: string; nodeId?: string | null }) {
  const { live, ask } = useRunAnalysis(executionId)
  const busy = live?.phase === 'asking' || live?.phase === 'streaming'
  return (
    <Card data-testid="analysis-panel" aria-labelledby="analysis-title">
      <CardHeader>
        <div>
          <CardTitle id="analysis-title">Analysis</CardTitle>
          <CardDescription>Why this run failed and what to try, from its logs, its stages' history and the pipeline's configuration.</CardDescription>
        </div>
        <Button size="sm" onClick={() => void ask(nodeId)} disabled={busy}>
          <Sparkles /> {busy ? 'Analyzing…' : live ? 'Analyze again' : 'Analyze this run'}
        </Button>
      </CardHeader>
      <CardContent className="flex flex-col gap-4">
        {live && <LiveResult live={live} />}
        <PastAnalyses executionId={executionId} />
      </CardContent>
    </Card>
  )
}

function AnalyzerLabel({ analyzer, model }: { analyzer: string | null; model: string | null }) {
  return analyzer === 'model'
    ? <Badge tone="accent" data-testid="analysis-label"><Bot />AI analysis · {model}</Badge>
    : <Badge tone="neutral" data-testid="analysis-label"><ListChecks />Rule-based analysis</Badge>
}

function LiveResult({ live }: { live: LiveAnalysis }) {
  if (live.phase === 'asking') return <p className="text-sm text-muted-foreground" role="status">Gathering the run's logs and history…</p>
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

function PastAnalyses({ executionId }: { executionId: string }) {
  const query = useAnalyses(executionId)
  if (query.isPending) return <LoadingRows rows={2} />
  if (query.isError) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />
  if (query.data.length === 0) return <p className="text-sm text-muted-foreground" data-testid="analysis-history-empty">No analysis of this run yet.</p>
  return (
    <div className="flex flex-col gap-2">
      <h3 className="text-xs font-medium text-muted-foreground">Earlier analyses</h3>
      <ol className="flex flex-col gap-2" aria-label="Earlier analyses" data-testid="analysis-history">
        {query.data.map((a) => <PastAnalysis key={a.id} analysis={a} />)}
      </ol>
    </div>
  )
}

function PastAnalysis({ analysis: a }: { analysis: StoredAnalysis }) {
  const findings = (Array.isArray(a.findings) ? a.findings : []) as unknown as AnalysisFinding[]
  return (
    <li className="rounded-md border p-2">
      <details>
        <summary className="flex cursor-pointer flex-wrap items-center gap-2 text-sm">
          <AnalyzerLabel analyzer={a.analyzer} model={a.model} />
          <span>{a.askedBy}, {formatDateTime(a.created_at)}</span>
          {a.status !== 'complete' && <Badge tone={a.status === 'failed' ? 'danger' : 'info'}>{a.status === 'failed' ? 'Failed' : 'Unfinished'}</Badge>}
          {a.total_tokens !== null && <span className="text-xs text-muted-foreground">{a.total_tokens} tokens</span>}
        </summary>
        <div className="mt-2 flex flex-col gap-2">
          {a.answer && <div className="whitespace-pre-wrap text-sm">{a.answer}</div>}
          {a.status === 'complete' && a.answer && <ReadAloudButton analysisId={a.id} />}
          {a.error && <p className="text-sm text-destructive">{a.error}</p>}
          <AnalysisFindings findings={findings} />
        </div>
      </details>
    </li>
  )
}
