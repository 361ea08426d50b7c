/** Windows the dashboard and the DORA page offer, in days. */
export const WINDOWS = [7, 30, 90] as const
export type WindowDays = (typeof WINDOWS)[number]

/**
 * The last `days` calendar days up to the end of today, in the viewer's local time: [from, to). Stable for the
 * whole day, so query keys do not change on every render and today counts as a full day.
 */
export function dayWindow(days: number, now = new Date()): { from: string; to: string } {
  const end = new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1)
  const start = new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1 - days)
  return { from: start.toISOString(), to: end.toISOString() }
}
