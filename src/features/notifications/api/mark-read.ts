import { useMutation, useQueryClient } from '@tanstack/react-query'
import { supabase } from '../../../lib/supabase.ts'
import { queryKeys } from '../../../lib/query-keys.ts'

// The ids come from rows the caller just read, so a type is enough: no zod on the first route for this.
export type MarkReadInput = { ids: string[] } | { all: true }

/** Marks some (or all unread) of the caller's notifications read; only read_at is writable, only on their rows. */
export async function markRead(input: MarkReadInput): Promise<void> {
  const query = supabase.from('notification_events').update({ read_at: new Date().toISOString() }).is('read_at', null)
  const { error } = 'ids' in input ? await query.in('id', input.ids) : await query.not('id', 'is', null)
  if (error) throw error
}

/** Marks one notification unread again. */
export async function markUnread(id: string): Promise<void> {
  const { error } = await supabase.from('notification_events').update({ read_at: null }).eq('id', id)
  if (error) throw error
}

export function useMarkRead() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: markRead,
    onSettled: () => queryClient.invalidateQueries({ queryKey: queryKeys.notifications.all }),
  })
}

export function useMarkUnread() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: markUnread,
    onSettled: () => queryClient.invalidateQueries({ queryKey: queryKeys.notifications.all }),
  })
}
