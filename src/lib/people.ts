import { supabase } from './supabase.ts'

/** Display names (full name, else email) of the given users that RLS lets the caller read (teammates). */
export async function fetchPeople(ids: (string | null | undefined)[], signal?: AbortSignal): Promise<Map<string, string>> {
  const unique = [...new Set(ids.filter((id): id is string => !!id))]
  if (unique.length === 0) return new Map()
  let query = supabase.from('profiles').select('id, full_name, email').in('id', unique)
  if (signal) query = query.abortSignal(signal)
  const { data, error } = await query
  if (error) throw error
  return new Map(data.map((p) => [p.id, p.full_name || p.email || 'Unknown user']))
}
