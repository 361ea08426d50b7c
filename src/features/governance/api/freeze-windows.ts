import { keepPreviousData, queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { z } from 'zod'
import { queryKeys } from '../../../lib/query-keys.ts'
import { supabase } from '../../../lib/supabase.ts'

/** Freeze windows that bind this environment (its own and the project's), one-off and recurring, newest first. */
export async function listFreezeWindows(projectId: string, environmentId: string, signal?: AbortSignal) {
  const { data, error } = await supabase.from('freeze_windows')
    .select('id, environment_id, starts_at, ends_at, reason, required_role, recurrence, time_zone, duration_minutes')
    .eq('project_id', projectId).or(`environment_id.is.null,environment_id.eq.${environmentId}`)
    .order('starts_at', { ascending: false }).abortSignal(signal!)
  if (error) throw error
  return data
}
export type FreezeWindowRow = Awaited<ReturnType<typeof listFreezeWindows>>[number]

export const freezeWindowsQuery = (projectId: string, environmentId: string) => queryOptions({
  queryKey: queryKeys.governance.freezeWindows(projectId, environmentId),
  queryFn: ({ signal }) => listFreezeWindows(projectId, environmentId, signal),
})
export const useFreezeWindowList = (projectId: string, environmentId: string) => useQuery(freezeWindowsQuery(projectId, environmentId))

const CRON = /^\s*\S+\s+\S+\s+\S+\s+\S+\s+\S+\s*$/
const localTime = z.string().refine((v) => !Number.isNaN(Date.parse(v)), 'Pick a date and time')

/** The editor's form. The database checks the recurrence itself (fields, zone, whether it ever fires). */
export const freezeWindowInput = z.object({
  kind: z.enum(['once', 'recurring']),
  scope: z.enum(['environment', 'project']),
  reason: z.string().trim().min(3, 'Say why in at least 3 characters').max(300),
  required_role: z.enum(['admin', 'operator']),
  starts_at: localTime,
  ends_at: z.string(),
  recurrence: z.string(),
  time_zone: z.string(),
  duration_minutes: z.string(),
}).superRefine((v, ctx) => {
  if (v.kind === 'once') {
    if (Number.isNaN(Date.parse(v.ends_at))) ctx.addIssue({ code: 'custom', path: ['ends_at'], message: 'Pick when it ends' })
    else if (Date.parse(v.ends_at) <= Date.parse(v.starts_at)) ctx.addIssue({ code: 'custom', path: ['ends_at'], message: 'It must end after it starts' })
    return
  }
  if (!CRON.test(v.recurrence)) ctx.addIssue({ code: 'custom', path: ['recurrence'], message: 'Five fields: minute hour day-of-month month day-of-week' })
  if (!v.time_zone.trim()) ctx.addIssue({ code: 'custom', path: ['time_zone'], message: 'Name a time zone, e.g. Europe/Berlin' })
  const minutes = Number(v.duration_minutes)
  if (!Number.isInteger(minutes) || minutes < 1 || minutes > 10_080) ctx.addIssue({ code: 'custom', path: ['duration_minutes'], message: '1 to 10080 minutes (7 days)' })
  if (v.ends_at && Date.parse(v.ends_at) <= Date.parse(v.starts_at)) ctx.addIssue({ code: 'custom', path: ['ends_at'], message: 'It must end after it starts' })
})
export type FreezeWindowInput = z.infer<typeof freezeWindowInput>

/** The row a form describes (datetime-local values are the browser's local time). */
export function freezeWindowRow(input: FreezeWindowInput, projectId: string, environmentId: string) {
  const v = freezeWindowInput.parse(input)
  const iso = (local: string) => new Date(local).toISOString()
  const recurring = v.kind === 'recurring'
  return {
    project_id: projectId,
    environment_id: v.scope === 'environment' ? environmentId : null,
    reason: v.reason, required_role: v.required_role,
    starts_at: iso(v.starts_at),
    ends_at: v.ends_at ? iso(v.ends_at) : null,
    recurrence: recurring ? v.recurrence.trim() : null,
    time_zone: recurring ? v.time_zone.trim() : null,
    duration_minutes: recurring ? Number(v.duration_minutes) : null,
  }
}

export function useFreezeWindowMutations(projectId: string, environmentId: string) {
  const queryClient = useQueryClient()
  const settle = () => Promise.all([
    queryClient.invalidateQueries({ queryKey: queryKeys.governance.all }),
    queryClient.invalidateQueries({ queryKey: queryKeys.environments.all }),
  ])
  const fail = (error: { message: string } | null) => { if (error) throw new Error(error.message) }
  return {
    save: useMutation({
      mutationFn: async ({ id, input }: { id: string | null; input: FreezeWindowInput }) => {
        const row = freezeWindowRow(input, projectId, environmentId)
        const { error } = id ? await supabase.from('freeze_windows').update(row).eq('id', id) : await supabase.from('freeze_windows').insert(row)
        fail(error)
      },
      onSettled: settle,
    }),
    remove: useMutation({
      mutationFn: async (id: string) => fail((await supabase.from('freeze_windows').delete().eq('id', id)).error),
      onSettled: settle,
    }),
  }
}

/** The next starts of a recurrence in its zone (the database's own evaluation), or the database's refusal. */
export async function getOccurrences(recurrence: string, timeZone: string, signal?: AbortSignal): Promise<string[]> {
  const { data, error } = await supabase.rpc('freeze_window_occurrences', { _recurrence: recurrence, _time_zone: timeZone, _count: 3 }).abortSignal(signal!)
  if (error) throw new Error(error.message)
  return data as string[]
}

export const useOccurrences = (recurrence: string, timeZone: string) => useQuery({
  queryKey: queryKeys.governance.occurrences(recurrence.trim(), timeZone.trim()),
  queryFn: ({ signal }) => getOccurrences(recurrence.trim(), timeZone.trim(), signal),
  enabled: CRON.test(recurrence) && timeZone.trim().length > 0,
  placeholderData: keepPreviousData,
  retry: false,
})
