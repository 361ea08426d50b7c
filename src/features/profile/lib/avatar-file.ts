/** The avatars bucket's limits (supabase/migrations/…001300_realtime_and_storage.sql): 2 MB, these types. */
export const AVATAR_MAX_BYTES = 2 * 1024 * 1024
export const AVATAR_TYPES = { 'image/png': 'png', 'image/jpeg': 'jpg', 'image/webp': 'webp', 'image/gif': 'gif' } as const
export type AvatarType = keyof typeof AVATAR_TYPES

export interface FileLike {
  name: string
  type: string
  size: number
}

function isAvatarType(type: string): type is AvatarType {
  return Object.hasOwn(AVATAR_TYPES, type)
}

/** Why this file cannot be an avatar, in words for the user; null when it can. */
export function avatarFileError(file: FileLike): string | null {
  if (!file.type.startsWith('image/')) return `“${file.name}” is not an image. Choose a PNG, JPEG, WebP or GIF file.`
  if (!isAvatarType(file.type)) return `${file.type.slice(6).toUpperCase()} images are not accepted. Choose a PNG, JPEG, WebP or GIF file.`
  if (file.size === 0) return `“${file.name}” is empty.`
  if (file.size > AVATAR_MAX_BYTES) return `“${file.name}” is ${formatBytes(file.size)}; the limit is 2 MB.`
  return null
}

/** Where the avatar goes: the user's own folder (the only one the storage policies let them write), a new name each time so caches never show the old picture. */
export function avatarPath(userId: string, file: FileLike, now = Date.now()): string {
  if (!isAvatarType(file.type)) throw new Error(`not an avatar type: ${file.type}`)
  return `${userId}/avatar-${now}.${AVATAR_TYPES[file.type]}`
}

/** 512 B, 340 KB, 2.4 MB. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`
}
