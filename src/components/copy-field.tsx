import { Check, Copy } from 'lucide-react'
import { useState } from 'react'
import { Button } from './ui/button.tsx'
import { toast } from './ui/toaster.tsx'

/** Copies `value` to the clipboard; `label` names what (for screen readers and the toast). */
export function CopyButton({ value, label }: { value: string; label: string }) {
  const [copied, setCopied] = useState(false)
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value)
      setCopied(true)
      setTimeout(() => setCopied(false), 2000)
    } catch {
      toast({ title: `Could not copy the ${label}`, description: 'Select the text and copy it by hand.', tone: 'danger' })
    }
  }
  return (
    <Button type="button" variant="outline" size="icon" aria-label={`Copy ${label}`} title={`Copy ${label}`} onClick={copy}>
      {copied ? <Check className="size-4 text-success" aria-hidden /> : <Copy className="size-4" aria-hidden />}
    </Button>
  )
}

/** A read-only value in monospace with its copy button. */
export function CopyField({ value, label, testId }: { value: string; label: string; testId?: string }) {
  return (
    <div className="flex items-center gap-2">
      <code data-testid={testId} className="min-w-0 flex-1 truncate rounded-md border bg-muted/40 px-2 py-1.5 font-mono text-xs select-all" title={value}>{value}</code>
      <CopyButton value={value} label={label} />
    </div>
  )
}
