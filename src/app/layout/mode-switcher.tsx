import { toast } from '../../components/ui/toaster.tsx'
import { MODES, modeMeta, type Mode } from '../../lib/modes.ts'
import { cn } from '../../lib/utils.ts'
import { useWorkspace } from '../../lib/workspace.ts'

/** Monitor / Build & Deploy / Investigate / Govern: choosing one saves it as the mode the app opens in. */
export function ModeSwitcher() {
  const { mode, setMode } = useWorkspace()
  async function choose(next: Mode) {
    try {
      await setMode(next)
    } catch (error) {
      toast({ title: 'Could not save your mode', description: (error as Error).message, tone: 'danger' })
    }
  }
  return (
    <div role="radiogroup" aria-label="Mode" className="flex flex-col gap-1">
      {MODES.map((key) => {
        const meta = modeMeta[key]
        const Icon = meta.icon
        return (
          <button
            key={key} type="button" role="radio" aria-checked={mode === key} title={meta.description}
            onClick={() => choose(key)}
            className={cn('flex items-center gap-2 rounded-md px-2 py-1.5 text-left text-xs', mode === key ? 'bg-primary/10 font-medium text-primary' : 'text-muted-foreground hover:bg-accent')}
          >
            <Icon className="size-3.5" aria-hidden /> {meta.label}
          </button>
        )
      })}
    </div>
  )
}
