import * as AvatarPrimitive from '@radix-ui/react-avatar'
import type { ComponentProps } from 'react'
import { cn } from '../../lib/utils.ts'

export function Avatar({ className, src, name, ...props }: ComponentProps<typeof AvatarPrimitive.Root> & { src?: string | null; name: string }) {
  const initials = name.split(/[\s@.]+/).filter(Boolean).slice(0, 2).map((part) => part[0]!.toUpperCase()).join('')
  return (
    <AvatarPrimitive.Root data-slot="avatar" className={cn('relative inline-flex size-8 shrink-0 overflow-hidden rounded-full bg-muted', className)} {...props}>
      {src && <AvatarPrimitive.Image src={src} alt={name} className="aspect-square size-full object-cover" />}
      <AvatarPrimitive.Fallback className="flex size-full items-center justify-center text-xs font-medium">{initials}</AvatarPrimitive.Fallback>
    </AvatarPrimitive.Root>
  )
}
