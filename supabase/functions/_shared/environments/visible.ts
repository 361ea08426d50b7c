// An environment as the caller sees it under RLS: 404 when it does not exist or is in another organization.
import type { Caller } from '../auth.ts'
import { notFound } from '../http.ts'

/** The environment's id, key and project, read as the caller; a 404 when RLS hides it or it does not exist. */
export async function visibleEnvironment(caller: Caller, id: string): Promise<{ id: string; key: string; project_id: string }> {
  const { data, error } = await caller.db.from('environments').select('id, key, project_id').eq('id', id).maybeSingle()
  if (error) throw error
  if (!data) throw notFound('No such environment, or you are not a member of its organization')
  return data
}
