import { Sparkles } from 'lucide-react'
import { AnalysisFindings } from '../../../components/analysis/analysis-findings.tsx'
import { AnalyzerLabel, LiveAnalysisView } from '../../../components/analysis/live-analysis.tsx'
import { ReadAloudButton } from '../../../components/analysis/read-aloud-button.tsx'
import { ErrorState, LoadingRows } from '../../../components/states.tsx'
import { Badge } from '../../../components/ui/badge.tsx'
import { Button } from '../../../components/ui/button.tsx'
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '../../../components/ui/card.tsx'
import { formatDateTime } from '../../../lib/format.ts'
import type { AnalysisFinding } from '../../../lib/analysis-events.ts'
import { queryKeys } from '../../../lib/query-keys.ts'
import { useAnalysis } from '../../../lib/use-analysis.ts'
import { useAnalyses, type StoredAnalysis } from '../api/list-analyses.ts'

/** Why a failed run failed: ask for an analysis (a model's streamed answer, or the labelled rule-based one), and earlier ones. */
export function AnalysisPanel({ executionId, nodeId }: { executionId: string; nodeId?: string | null }) {
  const { live, ask } = useAnalysis('ai-insights', queryKeys.executions.analyses(executionId))
  const busy = live?.phase === 'asking' || live?.phase === 'streaming'
  return (
    <Card data-testid="analysis-panel" aria-labelledby="analysis-title">
      <CardHeader>
        <div>
          <CardTitle id="analysis-title">Analysis</CardTitle>
          <CardDescription>Why this run failed and what to try, from its logs, its stages' history and the pipeline's configuration.</CardDescription>
        </div>
        <Button size="sm" onClick={() => void ask({ execution_id: executionId, node_id: nodeId ?? null })} disabled={busy}>
          <Sparkles /> {busy ? 'Analyzing…' : live ? 'Analyze again' : 'Analyze this run'}
        </Button>
      </CardHeader>
      <CardContent className="flex flex-col gap-4">
        {live && <LiveAnalysisView live={live} asking="Gathering the run's logs and history…" />}
        <PastAnalyses executionId={executionId} />
      </CardContent>
    </Card>
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
