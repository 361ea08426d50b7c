import type { ComponentProps } from 'react'
import { cn } from '../../lib/utils.ts'

/** A determinate progress bar (value 0–100), announced as a progressbar. Plain elements: it sits on the home route. */
export function Progress({ className, value, ...props }: ComponentProps<'div'> & { value?: number | null }) {
  const percent = Math.min(100, Math.max(0, value ?? 0))
  return (
    <div
      role="progressbar" aria-valuemin={0} aria-valuemax={100} aria-valuenow={value ?? undefined}
      data-slot="progress" className={cn('relative h-2 w-full overflow-hidden rounded-full bg-muted', className)} {...props}
    >
      <div className="h-full bg-primary transition-transform" style={{ transform: `translateX(-${100 - percent}%)` }} />
    </div>
  )
}
