import { useReactFlow } from '@xyflow/react'
import { CheckCircle2, TriangleAlert, XCircle } from 'lucide-react'
import { countIssues, plural } from '../lib/issue-highlights.ts'
import type { GraphIssue } from '../lib/shared.ts'
import { useEditorStore } from '../store/editor-store.ts'

/** The rules' findings, errors first; choosing one selects and shows the nodes it is about. */
export function IssuesPanel({ issues }: { issues: GraphIssue[] }) {
  const select = useEditorStore((s) => s.select)
  const { fitView } = useReactFlow()
  const { errors, warnings } = countIssues(issues)
  const focus = (issue: GraphIssue) => {
    select(issue.nodeIds)
    if (issue.nodeIds.length > 0) void fitView({ nodes: issue.nodeIds.map((id) => ({ id })), maxZoom: 1.2, duration: 200 })
  }
  return (
    <section aria-label="Pipeline checks" className="flex flex-col gap-2">
      <h2 className="text-sm font-semibold" data-testid="graph-issue-summary">
        {errors === 0 && warnings === 0 ? 'No problems found' : [errors && plural(errors, 'error'), warnings && plural(warnings, 'warning')].filter(Boolean).join(', ')}
      </h2>
      {errors === 0 && <p className="flex items-center gap-1.5 text-xs text-success"><CheckCircle2 className="size-3.5" aria-hidden /> The rules allow this pipeline to run.</p>}
      <ul data-testid="graph-issues" className="flex max-h-56 flex-col gap-1 overflow-y-auto">
        {issues.map((issue, i) => {
          const Icon = issue.severity === 'error' ? XCircle : TriangleAlert
          return (
            <li key={`${issue.code}-${i}`} data-severity={issue.severity} data-code={issue.code}>
              <button
                type="button" onClick={() => focus(issue)}
                className="flex w-full items-start gap-2 rounded px-2 py-1 text-left text-xs hover:bg-accent focus-visible:ring-2 focus-visible:ring-ring focus-visible:outline-none"
              >
                <Icon className={`mt-0.5 size-3.5 shrink-0 ${issue.severity === 'error' ? 'text-destructive' : 'text-warning'}`} aria-label={issue.severity} />
                <span>{issue.message}</span>
              </button>
            </li>
          )
        })}
      </ul>
    </section>
  )
}
