import { useMutation, useQueryClient } from '@tanstack/react-query'
import type { Json } from '../../../integrations/supabase/types.ts'
import { queryKeys } from '../../../lib/query-keys.ts'
import { supabase } from '../../../lib/supabase.ts'
import { rowFromForm, type ConnectionFormValues } from '../lib/connection-form.ts'
import { refusalMessage } from '../lib/refusal.ts'

export interface SaveConnectionInput {
  orgId: string
  values: ConnectionFormValues
  /** The row being edited; absent when adding. */
  existing?: { id: string; config: unknown }
}

/** Adds or changes a connection (RLS: organization admins); a refusal is thrown as a sentence. */
export async function saveConnection({ orgId, values, existing }: SaveConnectionInput): Promise<{ id: string }> {
  const row = rowFromForm(values, existing?.config)
  const payload = { ...row, config: row.config as NonNullable<Json> }
  if (!existing) {
    const { data: { user } } = await supabase.auth.getUser()
    const { data, error } = await supabase.from('connections')
      .insert({ ...payload, organization_id: orgId, created_by: user?.id ?? null }).select('id').single()
    if (error) throw new Error(refusalMessage(error, 'add', row.name))
    return data
  }
  // An update RLS filters out changes no row rather than failing, so an empty answer is a refusal too.
  const { data, error } = await supabase.from('connections').update(payload).eq('id', existing.id).select('id')
  if (error) throw new Error(refusalMessage(error, 'change', row.name))
  if (data.length === 0) throw new Error(refusalMessage({ code: 'no_rows' }, 'change'))
  return data[0]!
}

export function useSaveConnection() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: saveConnection,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.connections.all }),
  })
}
