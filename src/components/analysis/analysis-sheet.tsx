import type { ReactNode } from 'react'
import { Sparkles } from 'lucide-react'
import { Button } from '../ui/button.tsx'
import { Sheet, SheetContent, SheetDescription, SheetHeader, SheetTitle, SheetTrigger } from '../ui/sheet.tsx'
import type { AnalysisFunction } from '../../lib/analysis-stream.ts'
import { useAnalysis } from '../../lib/use-analysis.ts'
import { LiveAnalysisView } from './live-analysis.tsx'

/**
 * A button that opens a side panel and asks one analysis function (explain-config, ai-telemetry-analysis…)
 * about `body`; the answer streams in (or the labelled rule-based findings show), and can be asked again.
 */
export function AnalysisSheet({ fn, body, label, hint, title, description, asking, testId }: {
  fn: AnalysisFunction
  body: Record<string, unknown>
  label: ReactNode
  hint: string
  title: string
  description: string
  asking: string
  testId: string
}) {
  const { live, ask } = useAnalysis(fn)
  const busy = live?.phase === 'asking' || live?.phase === 'streaming'
  return (
    <Sheet onOpenChange={(open) => { if (open && !live) void ask(body) }}>
      <SheetTrigger asChild>
        <Button variant="outline" size="sm" title={hint}><Sparkles /> {label}</Button>
      </SheetTrigger>
      <SheetContent data-testid={testId}>
        <SheetHeader>
          <SheetTitle>{title}</SheetTitle>
          <SheetDescription>{description}</SheetDescription>
        </SheetHeader>
        <div className="flex flex-col gap-3">
          {live && <LiveAnalysisView live={live} asking={asking} />}
          <Button size="sm" variant="outline" disabled={busy} onClick={() => void ask(body)}>Ask again</Button>
        </div>
      </SheetContent>
    </Sheet>
  )
}
