import { errors } from './errors.ts'

/** Throws InvalidMimeType unless `mimeType` matches one of the bucket's allowed types (`image/*` wildcards included). */
export function checkMimeType(mimeType: string, allowed: string[] | null): void {
  if (!allowed?.length) return
  const base = mimeType.split(';')[0].trim().toLowerCase()
  const ok = allowed.some((entry) => {
    const wanted = entry.split(';')[0].trim().toLowerCase()
    if (wanted.endsWith('/*')) return base.startsWith(wanted.slice(0, -1))
    return wanted === base || entry.toLowerCase() === mimeType.toLowerCase()
  })
  if (!ok) throw errors.invalidMimeType(mimeType)
}
