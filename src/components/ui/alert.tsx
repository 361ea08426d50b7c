import { cva, type VariantProps } from 'class-variance-authority'
import type { ComponentProps } from 'react'
import { cn } from '../../lib/utils.ts'

const alertVariants = cva('rounded-md border px-4 py-3 text-sm', {
  variants: {
    tone: {
      info: 'border-info/30 bg-info/10',
      danger: 'border-destructive/30 bg-destructive/10 text-destructive',
      warning: 'border-warning/40 bg-warning/10',
      success: 'border-success/30 bg-success/10',
    },
  },
  defaultVariants: { tone: 'info' },
})

export function Alert({ className, tone, ...props }: ComponentProps<'div'> & VariantProps<typeof alertVariants>) {
  return <div data-slot="alert" role={tone === 'danger' ? 'alert' : 'status'} className={cn(alertVariants({ tone }), className)} {...props} />
}
