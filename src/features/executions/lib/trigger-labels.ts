/** How a run was started (executions.trigger_source), as people read it. */
export const TRIGGER_LABELS: Record<string, string> = {
  manual: 'Manual',
  webhook: 'Git push',
  schedule: 'Schedule',
  api: 'API',
  rerun: 'Rerun',
}

export const triggerLabel = (source: string) => TRIGGER_LABELS[source] ?? source
