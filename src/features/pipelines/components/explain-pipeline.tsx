import { AnalysisSheet } from '../../../components/analysis/analysis-sheet.tsx'

/** "Explain": what the saved pipeline does and what is risky (explain-config), in a side panel. */
export function ExplainPipeline({ pipelineId }: { pipelineId: string }) {
  return (
    <AnalysisSheet fn="explain-config" body={{ flow_template_id: pipelineId }} label="Explain" testId="explain-pipeline"
      hint="What this pipeline does and what is risky (as saved)" title="What this pipeline does"
      description="The saved version: what runs in which order, and what is risky." asking="Reading the pipeline and its environments…" />
  )
}
