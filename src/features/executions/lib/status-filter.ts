import type { Enums } from '../../../integrations/supabase/types.ts'

type ExecutionStatus = Enums<'execution_status'>

/** The runs list's status filter (URL `?status=`): every status, the live ones together, or one status. */
export const STATUS_FILTERS = {
  all: { label: 'All runs', statuses: null },
  active: { label: 'In progress', statuses: ['queued', 'running', 'paused'] },
  paused: { label: 'Waiting for approval', statuses: ['paused'] },
  failed: { label: 'Failed', statuses: ['failed'] },
  success: { label: 'Succeeded', statuses: ['success', 'warning'] },
  cancelled: { label: 'Cancelled', statuses: ['cancelled'] },
} as const satisfies Record<string, { label: string; statuses: readonly ExecutionStatus[] | null }>

export type StatusFilter = keyof typeof STATUS_FILTERS

/** An unknown or missing value means every run. */
export function parseStatusFilter(value: string | null | undefined): StatusFilter {
  return value && Object.hasOwn(STATUS_FILTERS, value) ? value as StatusFilter : 'all'
}

export function statusesFor(filter: StatusFilter): readonly ExecutionStatus[] | null {
  return STATUS_FILTERS[filter].statuses
}

/** Page number from the URL: a non-negative integer, else the first page. */
export function parsePage(value: string | null | undefined): number {
  const n = Number(value)
  return Number.isInteger(n) && n > 0 ? n : 0
}
