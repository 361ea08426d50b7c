import type { ComponentProps } from 'react'
import { cn } from '../../lib/utils.ts'

export const fieldClass = 'flex h-9 w-full rounded-md border border-input bg-card px-3 py-1 text-sm shadow-xs placeholder:text-muted-foreground disabled:opacity-50 aria-invalid:border-destructive'

export function Input({ className, ...props }: ComponentProps<'input'>) {
  return <input data-slot="input" className={cn(fieldClass, className)} {...props} />
}

export function Textarea({ className, ...props }: ComponentProps<'textarea'>) {
  return <textarea data-slot="textarea" className={cn(fieldClass, 'h-auto min-h-20 py-2', className)} {...props} />
}

/** A native select, styled: keyboard and screen-reader behaviour come for free. */
export function NativeSelect({ className, ...props }: ComponentProps<'select'>) {
  return <select data-slot="select" className={cn(fieldClass, 'pr-8', className)} {...props} />
}
