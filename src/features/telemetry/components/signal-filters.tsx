import { X } from 'lucide-react'
import { useEffect, useRef, useState } from 'react'
import { Button } from '../../../components/ui/button.tsx'
import { Input, NativeSelect } from '../../../components/ui/input.tsx'
import { Label } from '../../../components/ui/label.tsx'
import { EMPTY_FILTER, SIGNAL_TYPES, TIME_WINDOWS, type SignalFilter, type SignalType, type TimeWindow } from '../lib/signal-filter.ts'
import { SIGNAL_TYPE_META } from '../lib/signal-meta.ts'

/** A text filter that commits on Enter, on blur, or after a pause in typing (so each key does not refetch). */
function TextFilter({ id, label, value, placeholder, onCommit, className }: {
  id: string; label: string; value: string; placeholder: string; onCommit: (value: string) => void; className?: string
}) {
  const [text, setText] = useState(value)
  const commit = useRef(onCommit)
  commit.current = onCommit
  useEffect(() => setText(value), [value])
  useEffect(() => {
    if (text.trim() === value) return
    const timer = setTimeout(() => commit.current(text.trim()), 400)
    return () => clearTimeout(timer)
  }, [text, value])
  return (
    <div className="flex flex-col gap-1">
      <Label htmlFor={id}>{label}</Label>
      <Input id={id} value={text} placeholder={placeholder} className={className} onChange={(e) => setText(e.target.value)}
        onBlur={() => text.trim() !== value && onCommit(text.trim())}
        onKeyDown={(e) => { if (e.key === 'Enter') onCommit(text.trim()) }} />
    </div>
  )
}

/** Signal type, service, name, trace id and time window; every change lands in the URL. */
export function SignalFilters({ filter, services, onChange }: {
  filter: SignalFilter
  services: string[]
  onChange: (change: Partial<SignalFilter>) => void
}) {
  const filtered = filter.type || filter.service || filter.name || filter.traceId
  // A service in a shared link may not have sent anything in this window: keep it selectable.
  const serviceOptions = filter.service && !services.includes(filter.service) ? [filter.service, ...services] : services
  return (
    <form className="flex flex-wrap items-end gap-3" aria-label="Signal filters" onSubmit={(e) => e.preventDefault()}>
      <div className="flex flex-col gap-1">
        <Label htmlFor="telemetry-type">Signal</Label>
        <NativeSelect id="telemetry-type" value={filter.type} className="w-36" onChange={(e) => onChange({ type: e.target.value as SignalType | '' })}>
          <option value="">All signals</option>
          {SIGNAL_TYPES.map((t) => <option key={t} value={t}>{SIGNAL_TYPE_META[t].label}s</option>)}
        </NativeSelect>
      </div>
      <div className="flex flex-col gap-1">
        <Label htmlFor="telemetry-service">Service</Label>
        <NativeSelect id="telemetry-service" value={filter.service} className="w-44" onChange={(e) => onChange({ service: e.target.value })}>
          <option value="">All services</option>
          {serviceOptions.map((s) => <option key={s} value={s}>{s}</option>)}
        </NativeSelect>
      </div>
      <TextFilter id="telemetry-name" label="Name contains" value={filter.name} placeholder="e.g. POST /payments" className="w-52"
        onCommit={(name) => onChange({ name })} />
      <TextFilter id="telemetry-trace-id" label="Trace id" value={filter.traceId} placeholder="32 hex digits or a prefix" className="w-64 font-mono"
        onCommit={(traceId) => onChange({ traceId })} />
      <div className="flex flex-col gap-1">
        <Label htmlFor="telemetry-window">Time</Label>
        <NativeSelect id="telemetry-window" value={filter.window} className="w-40" onChange={(e) => onChange({ window: e.target.value as TimeWindow })}>
          {(Object.keys(TIME_WINDOWS) as TimeWindow[]).map((w) => <option key={w} value={w}>{TIME_WINDOWS[w].label}</option>)}
        </NativeSelect>
      </div>
      {filtered && (
        <Button type="button" variant="ghost" size="sm" className="mb-0.5" onClick={() => onChange({ ...EMPTY_FILTER, window: filter.window })}>
          <X /> Clear filters
        </Button>
      )}
    </form>
  )
}
