/** "1h 02m 03s" / "4m 05s" / "12s" until `until`; null once it has passed. */
export function countdown(until: string | null, now: number): string | null {
  if (!until) return null
  const left = Math.floor((Date.parse(until) - now) / 1000)
  if (!(left > 0)) return null
  const h = Math.floor(left / 3600)
  const m = Math.floor((left % 3600) / 60)
  const s = left % 60
  const pad = (n: number) => String(n).padStart(2, '0')
  if (h > 0) return `${h}h ${pad(m)}m ${pad(s)}s`
  if (m > 0) return `${m}m ${pad(s)}s`
  return `${s}s`
}
