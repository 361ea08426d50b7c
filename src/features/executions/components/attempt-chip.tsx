import { RotateCcw } from 'lucide-react'
import { Badge } from '../../../components/ui/badge.tsx'

/** "Attempt 2" on a rerun; nothing on a first run. */
export function AttemptChip({ attempt }: { attempt: number }) {
  if (attempt <= 1) return null
  return (
    <Badge tone="accent" data-testid="execution-attempt" title="A rerun from a checkpoint of an earlier attempt">
      <RotateCcw aria-hidden /> Attempt {attempt}
    </Badge>
  )
}
