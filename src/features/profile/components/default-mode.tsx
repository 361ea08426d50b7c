import { toast } from '../../../components/ui/toaster.tsx'
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '../../../components/ui/card.tsx'
import { MODES, modeMeta, resolveMode } from '../../../lib/modes.ts'
import type { AppRole } from '../../../lib/permissions.ts'
import { cn } from '../../../lib/utils.ts'
import { useSaveDefaultMode } from '../api/save-default-mode.ts'
import { fromStoredMode, type DefaultModeChoice } from '../lib/profile-schema.ts'

/** The mode the app opens in: follow the role, or always one of the four. Saved on choosing. */
export function DefaultMode({ userId, stored, role }: { userId: string; stored: string | null; role: AppRole | null }) {
  const save = useSaveDefaultMode(userId)
  const current = save.isPending && save.variables !== undefined ? save.variables : fromStoredMode(stored)
  const roleMode = modeMeta[resolveMode(null, role)].label
  const choices: { value: DefaultModeChoice; label: string; description: string }[] = [
    { value: '', label: 'Follow my role', description: `${roleMode} for your role${role ? ` (${role})` : ''}` },
    ...MODES.map((m) => ({ value: m, label: modeMeta[m].label, description: modeMeta[m].description })),
  ]

  async function choose(value: DefaultModeChoice) {
    try {
      await save.mutateAsync(value)
      toast({ title: 'Default mode saved', tone: 'success' })
    } catch (error) {
      toast({ title: 'Could not save your default mode', description: (error as Error).message, tone: 'danger' })
    }
  }

  return (
    <Card aria-labelledby="default-mode-title">
      <CardHeader>
        <div>
          <CardTitle id="default-mode-title">Default mode</CardTitle>
          <CardDescription>The home page and navigation the app opens with. Switching mode in the sidebar changes it too.</CardDescription>
        </div>
      </CardHeader>
      <CardContent>
        <fieldset className="grid gap-2 sm:grid-cols-2" disabled={save.isPending}>
          <legend className="sr-only">Default mode</legend>
          {choices.map((c) => (
            <label key={c.value || 'role'}
              className={cn('flex cursor-pointer items-start gap-2 rounded-md border p-3 text-sm has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-ring', current === c.value && 'border-primary bg-primary/5')}>
              <input type="radio" name="default-mode" value={c.value} checked={current === c.value} onChange={() => void choose(c.value)} className="mt-1 accent-[var(--color-primary)]" />
              <span>
                <span className="block font-medium">{c.label}</span>
                <span className="block text-xs text-muted-foreground">{c.description}</span>
              </span>
            </label>
          ))}
        </fieldset>
      </CardContent>
    </Card>
  )
}
