import { useId, type ReactNode } from 'react'
import { Button } from '../../../components/ui/button.tsx'
import { Tooltip } from '../../../components/ui/tooltip.tsx'

/**
 * A control the database would refuse: disabled, with the database's sentence as a tooltip (on a focusable
 * wrapper, since a disabled button gets neither hover nor focus) and as text the button is described by. Pass
 * `describedBy` to point at a sentence already on screen (several buttons, one reason) instead of repeating it.
 */
export function RefusedButton({ children, reason, describedBy, variant = 'outline' }: {
  children: ReactNode
  reason: string
  describedBy?: string
  variant?: 'outline' | 'destructive'
}) {
  const own = useId()
  const id = describedBy ?? own
  return (
    <span className="inline-flex flex-col items-end gap-1">
      <Tooltip content={reason}>
        <span tabIndex={0} className="inline-flex cursor-not-allowed rounded-md focus-visible:ring-2 focus-visible:ring-ring focus-visible:outline-none" data-testid="refused-action">
          <Button size="sm" variant={variant} disabled aria-describedby={id}>{children}</Button>
        </span>
      </Tooltip>
      {!describedBy && <RefusalText id={id} reason={reason} />}
    </span>
  )
}

/** The sentence saying why an action is refused here, for one or more RefusedButtons to be described by. */
export function RefusalText({ id, reason }: { id: string; reason: string }) {
  return <span id={id} className="max-w-xs text-right text-xs text-muted-foreground" data-testid="refusal-reason">{reason}</span>
}
