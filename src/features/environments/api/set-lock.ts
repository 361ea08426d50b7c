import { useMutation, useQueryClient } from '@tanstack/react-query'
import { z } from 'zod'
import { queryKeys } from '../../../lib/query-keys.ts'
import { supabase } from '../../../lib/supabase.ts'

export const lockInput = z.object({
  reason: z.string().trim().min(3, 'Say why in at least 3 characters').max(500, 'Keep the reason under 500 characters'),
})
export type LockInput = z.infer<typeof lockInput>

export interface LockTarget {
  projectId: string
  environmentId: string
  /** The environment's lock row, when it has one. */
  lockId: string | null
  userId: string
}

/** The database's sentence for why the caller may not lock this environment (environment_actions). */
async function lockRefusal(environmentId: string): Promise<Error> {
  const { data } = await supabase.rpc('environment_actions', { _environment_id: environmentId })
  const lock = data?.find((d) => d.action === 'lock')
  return new Error(lock && !lock.allowed ? lock.reason : 'You may not lock or unlock this environment.')
}

/**
 * Locks or unlocks an environment (lock here, by RLS: admins by default). The reason is kept on the row either way, so the
 * audit trail's before/after images say why it changed.
 */
export async function setLock(target: LockTarget, locked: boolean, input: LockInput): Promise<void> {
  const { reason } = lockInput.parse(input)
  const change = { is_locked: locked, lock_reason: reason, locked_by: target.userId, locked_at: new Date().toISOString() }
  const { data, error } = target.lockId
    ? await supabase.from('environment_locks').update(change).eq('id', target.lockId).select('id')
    : await supabase.from('environment_locks').insert({ ...change, project_id: target.projectId, environment_id: target.environmentId }).select('id')
  if (error) throw error.code === '42501' && /row-level security/.test(error.message) ? await lockRefusal(target.environmentId) : new Error(error.message)
  // An update that RLS filtered out changes nothing and returns no row, without an error.
  if (data.length === 0) throw await lockRefusal(target.environmentId)
}

export function useSetLock(target: LockTarget) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: ({ locked, ...input }: LockInput & { locked: boolean }) => setLock(target, locked, input),
    onSettled: () => queryClient.invalidateQueries({ queryKey: queryKeys.environments.all }),
  })
}
