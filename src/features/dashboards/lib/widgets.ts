/** The dashboard's widget catalog: what each widget is called, what it shows, and whether it spans the row. */
export const WIDGETS = {
  executions_by_status: { title: 'Runs by status', description: 'Runs created in the window, by their current status.', wide: false },
  success_rate: { title: 'Success rate', description: 'Runs finished in the window that succeeded (with or without warnings).', wide: false },
  duration_trend: { title: 'Duration trend', description: 'Median and longest run duration per day.', wide: true },
  deployments_per_environment: { title: 'Deployments per environment', description: 'Deployments started in the window, by outcome.', wide: true },
  approvals_waiting: { title: 'Approvals waiting', description: 'Pending approval requests that have not expired.', wide: false },
  connection_health: { title: 'Connection health', description: 'Each connection\'s latest check and its healthy checks in the window.', wide: false },
  deploy_frequency: { title: 'Deployment frequency', description: 'DORA: deployments to production per day in the window.', wide: false },
  change_failure_rate: { title: 'Change fail rate', description: 'DORA: production deployments in the window that failed or were rolled back.', wide: false },
} as const

export type WidgetId = keyof typeof WIDGETS

export const WIDGET_IDS = Object.keys(WIDGETS) as WidgetId[]

/** Older or seeded layouts name some widgets differently. */
export const WIDGET_ALIASES: Record<string, WidgetId> = {
  executions: 'executions_by_status',
  change_fail_rate: 'change_failure_rate',
  deployment_frequency: 'deploy_frequency',
}

export function isWidgetId(id: string): id is WidgetId {
  return Object.hasOwn(WIDGETS, id)
}
