import { Sparkles } from 'lucide-react'
import { LiveAnalysisView } from '../../../components/analysis/live-analysis.tsx'
import { Button } from '../../../components/ui/button.tsx'
import { Sheet, SheetContent, SheetDescription, SheetHeader, SheetTitle, SheetTrigger } from '../../../components/ui/sheet.tsx'
import { useAnalysis } from '../../../lib/use-analysis.ts'

/** "Explain": what the saved pipeline does and what is risky (explain-config), in a side panel. */
export function ExplainPipeline({ pipelineId }: { pipelineId: string }) {
  const { live, ask } = useAnalysis('explain-config')
  const busy = live?.phase === 'asking' || live?.phase === 'streaming'
  return (
    <Sheet onOpenChange={(open) => { if (open && !live) void ask({ flow_template_id: pipelineId }) }}>
      <SheetTrigger asChild>
        <Button variant="outline" size="sm" title="What this pipeline does and what is risky (as saved)"><Sparkles /> Explain</Button>
      </SheetTrigger>
      <SheetContent data-testid="explain-pipeline">
        <SheetHeader>
          <SheetTitle>What this pipeline does</SheetTitle>
          <SheetDescription>The saved version: what runs in which order, and what is risky.</SheetDescription>
        </SheetHeader>
        <div className="flex flex-col gap-3">
          {live && <LiveAnalysisView live={live} asking="Reading the pipeline and its environments…" />}
          <Button size="sm" variant="outline" disabled={busy} onClick={() => void ask({ flow_template_id: pipelineId })}>Explain again</Button>
        </div>
      </SheetContent>
    </Sheet>
  )
}
