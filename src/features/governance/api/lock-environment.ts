import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { z } from 'zod'
import { queryKeys } from '../../../lib/query-keys.ts'
import { supabase } from '../../../lib/supabase.ts'

export const LOCK_ROLES = ['admin', 'operator'] as const

export const lockEnvironmentInput = z.object({
  reason: z.string().trim().min(3, 'Say why in at least 3 characters').max(500, 'Keep the reason under 500 characters'),
  required_role: z.enum(LOCK_ROLES),
  /** Minutes until the lock lifts itself; empty for a lock that lasts until someone unlocks. */
  ttl_minutes: z.union([z.literal(''), z.coerce.number().int('Whole minutes').min(1, 'At least 1 minute').max(43_200, 'At most 30 days')]),
})
export type LockEnvironmentInput = z.input<typeof lockEnvironmentInput>

export interface LockEnvironmentTarget {
  projectId: string
  environmentId: string
  lockId: string | null
  userId: string
}

/** Locks an environment with a reason, who may still break glass, and an optional expiry (RLS: lock here). */
export async function lockEnvironment(target: LockEnvironmentTarget, input: LockEnvironmentInput, now = Date.now()): Promise<void> {
  const { reason, required_role, ttl_minutes } = lockEnvironmentInput.parse(input)
  const change = {
    is_locked: true, lock_reason: reason, required_role, locked_by: target.userId, locked_at: new Date(now).toISOString(),
    expires_at: ttl_minutes === '' ? null : new Date(now + ttl_minutes * 60_000).toISOString(),
  }
  const { data, error } = target.lockId
    ? await supabase.from('environment_locks').update(change).eq('id', target.lockId).select('id')
    : await supabase.from('environment_locks').insert({ ...change, project_id: target.projectId, environment_id: target.environmentId }).select('id')
  if (error) throw new Error(/row-level security/.test(error.message) ? 'You may not lock this environment: it needs lock here.' : error.message)
  if (data.length === 0) throw new Error('You may not lock this environment: it needs lock here.')
}

export function useLockEnvironment(target: LockEnvironmentTarget) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (input: LockEnvironmentInput) => lockEnvironment(target, input),
    onSettled: () => Promise.all([
      queryClient.invalidateQueries({ queryKey: queryKeys.environments.all }),
      queryClient.invalidateQueries({ queryKey: queryKeys.governance.lock(target.environmentId) }),
    ]),
  })
}

/** The environment's lock expiry (null: none, or not locked). */
export async function getLockExpiry(environmentId: string, signal?: AbortSignal) {
  const { data, error } = await supabase.from('environment_locks').select('id, is_locked, expires_at')
    .eq('environment_id', environmentId).abortSignal(signal!).maybeSingle()
  if (error) throw error
  return data?.is_locked ? data.expires_at : null
}

export const lockExpiryQuery = (environmentId: string) => queryOptions({
  queryKey: queryKeys.governance.lock(environmentId),
  queryFn: ({ signal }) => getLockExpiry(environmentId, signal),
})

export const useLockExpiry = (environmentId: string, locked: boolean) =>
  useQuery({ ...lockExpiryQuery(environmentId), enabled: locked, refetchInterval: locked ? 10_000 : false })
