import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { queryKeys } from '../../../lib/query-keys.ts'
import { supabase } from '../../../lib/supabase.ts'
import { hasSavedState, readState, writeState, type OnboardingState } from '../lib/onboarding.ts'

async function loadPreferences(userId: string, signal?: AbortSignal) {
  const { data, error } = await supabase.from('user_preferences').select('ui_preferences').eq('user_id', userId).abortSignal(signal!).maybeSingle()
  if (error) throw error
  return data?.ui_preferences ?? {}
}

export const onboardingQuery = (userId: string, orgId: string) => queryOptions({
  queryKey: queryKeys.workspace.onboarding(userId, orgId),
  queryFn: async ({ signal }) => {
    const preferences = await loadPreferences(userId, signal)
    return { ...readState(preferences, orgId), started: hasSavedState(preferences, orgId) }
  },
})

export const useOnboardingState = (userId: string, orgId: string) => useQuery(onboardingQuery(userId, orgId))

/** Saves this organization's wizard state into the user's own preferences (RLS: only their row). */
export async function saveOnboardingState(userId: string, orgId: string, state: OnboardingState): Promise<void> {
  const merged = writeState(await loadPreferences(userId), orgId, state)
  const { error } = await supabase.from('user_preferences').upsert({ user_id: userId, ui_preferences: merged as never }, { onConflict: 'user_id' })
  if (error) throw error
}

export function useSaveOnboardingState(userId: string, orgId: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (state: OnboardingState) => saveOnboardingState(userId, orgId, state),
    onSuccess: (_, state) => queryClient.setQueryData(queryKeys.workspace.onboarding(userId, orgId), { ...state, started: true }),
  })
}
