// Moving a branch mapping up or down the first-match order, as position updates.
import { orderMappings } from '../../../../supabase/functions/_shared/github/branch-mapping.ts'

interface Positioned { id: string; position: number; created_at: string }

/**
 * The position changes that move `id` one place up (-1) or down (+1) in the match order. Distinct positions
 * are swapped (the numbers people chose stay); when positions tie, the list is renumbered 0, 1, 2...
 */
export function moveMapping(mappings: Positioned[], id: string, delta: -1 | 1): { id: string; position: number }[] {
  const ordered = orderMappings(mappings)
  const from = ordered.findIndex((m) => m.id === id)
  const to = from + delta
  if (from < 0 || to < 0 || to >= ordered.length) return []
  const strictlyIncreasing = ordered.every((m, i) => i === 0 || m.position > ordered[i - 1]!.position)
  if (strictlyIncreasing) {
    return [{ id: ordered[from]!.id, position: ordered[to]!.position }, { id: ordered[to]!.id, position: ordered[from]!.position }]
  }
  const moved = [...ordered]
  ;[moved[from], moved[to]] = [moved[to]!, moved[from]!]
  return moved.flatMap((m, position) => (m.position === position ? [] : [{ id: m.id, position }]))
}

/** The position a new mapping gets: after every existing one. */
export const nextPosition = (mappings: Positioned[]) => mappings.reduce((max, m) => Math.max(max, m.position + 1), 0)
