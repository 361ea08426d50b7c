import { useMutation, useQueryClient } from '@tanstack/react-query'
import { queryKeys } from '../../../lib/query-keys.ts'
import { supabase } from '../../../lib/supabase.ts'
import { avatarFileError, avatarPath } from '../lib/avatar-file.ts'

const BUCKET = 'avatars'

/**
 * Uploads the picture into the user's folder of the public `avatars` bucket, points profiles.avatar_url at it,
 * then removes the user's older pictures (best effort: a leftover file costs space, not correctness).
 */
export async function uploadAvatar(userId: string, file: File): Promise<string> {
  const problem = avatarFileError(file)
  if (problem) throw new Error(problem)
  const path = avatarPath(userId, file)
  const upload = await supabase.storage.from(BUCKET).upload(path, file, { contentType: file.type, cacheControl: '3600' })
  if (upload.error) throw upload.error
  const url = supabase.storage.from(BUCKET).getPublicUrl(path).data.publicUrl
  const { error } = await supabase.from('profiles').update({ avatar_url: url }).eq('id', userId)
  if (error) {
    await supabase.storage.from(BUCKET).remove([path])
    throw error
  }
  const listed = await supabase.storage.from(BUCKET).list(userId, { limit: 100 })
  const stale = (listed.data ?? []).map((o) => `${userId}/${o.name}`).filter((p) => p !== path)
  if (stale.length > 0) await supabase.storage.from(BUCKET).remove(stale)
  return url
}

/** Removes the picture: the profile goes back to initials. */
export async function removeAvatar(userId: string): Promise<void> {
  const { error } = await supabase.from('profiles').update({ avatar_url: null }).eq('id', userId)
  if (error) throw error
  const listed = await supabase.storage.from(BUCKET).list(userId, { limit: 100 })
  const paths = (listed.data ?? []).map((o) => `${userId}/${o.name}`)
  if (paths.length > 0) await supabase.storage.from(BUCKET).remove(paths)
}

export function useUploadAvatar(userId: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (file: File) => uploadAvatar(userId, file),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.workspace.all }),
  })
}

export function useRemoveAvatar(userId: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: () => removeAvatar(userId),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.workspace.all }),
  })
}
