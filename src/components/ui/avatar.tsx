import { useState, type ComponentProps } from 'react'
import { cn } from '../../lib/utils.ts'

/** A round picture, or the name's initials when there is none or it fails to load (no library: it is in the shell). */
export function Avatar({ className, src, name, ...props }: ComponentProps<'span'> & { src?: string | null; name: string }) {
  const [failed, setFailed] = useState<string | null>(null)
  const initials = name.split(/[\s@.]+/).filter(Boolean).slice(0, 2).map((part) => part[0]!.toUpperCase()).join('')
  const showImage = src && failed !== src
  return (
    <span data-slot="avatar" className={cn('relative inline-flex size-8 shrink-0 items-center justify-center overflow-hidden rounded-full bg-muted text-xs font-medium', className)} {...props}>
      {showImage ? <img src={src} alt={name} className="aspect-square size-full object-cover" onError={() => setFailed(src)} /> : initials}
    </span>
  )
}
