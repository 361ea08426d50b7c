import { useMutation, useQueryClient } from '@tanstack/react-query'
import { queryKeys } from '../../../lib/query-keys.ts'
import { supabase } from '../../../lib/supabase.ts'
import { refusalMessage } from '../lib/refusal.ts'

/** Deletes a connection and its health history (RLS: organization admins); a refusal is thrown as a sentence. */
export async function deleteConnection(id: string): Promise<void> {
  const { data, error } = await supabase.from('connections').delete().eq('id', id).select('id')
  if (error) throw new Error(refusalMessage(error, 'delete'))
  if (data.length === 0) throw new Error(refusalMessage({ code: 'no_rows' }, 'delete'))
}

export function useDeleteConnection() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: deleteConnection,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.connections.all }),
  })
}
