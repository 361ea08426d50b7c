import { Button } from '../../../components/ui/button.tsx'
import { Card } from '../../../components/ui/card.tsx'
import { ErrorState, LoadingRows } from '../../../components/states.tsx'
import { useWorkspace } from '../../../lib/workspace.ts'
import { useNotificationSettings, useSaveNotificationSettings, type NotificationSettings } from '../api/notification-settings.ts'
import { NOTIFICATION_TYPES, notificationMeta } from '../lib/notification-types.ts'

/** Which events reach the caller, and whether by email too. In-app is always on for what is not muted. */
export function NotificationSettingsSection() {
  const { user } = useWorkspace()
  const settings = useNotificationSettings(user.id)
  const save = useSaveNotificationSettings(user.id)
  const change = (next: NotificationSettings) => save.mutate(next)
  // While a change is saving, show it (a controlled checkbox would otherwise lag one round trip behind).
  const current = save.isPending && save.variables ? save.variables : settings.data

  return (
    <Card className="p-4">
      <h2 className="text-base font-semibold">Settings</h2>
      <p className="mb-3 text-xs text-muted-foreground">
        You only hear about what you can act on. In-app notifications are always on; email goes to {user.email} when your organization has an email channel.
      </p>
      {settings.isError ? <ErrorState error={settings.error} onRetry={() => void settings.refetch()} /> : !current ? <LoadingRows rows={3} /> : (
        <form className="flex flex-col gap-3" onSubmit={(e) => e.preventDefault()}>
          <label className="flex items-center gap-2 text-sm">
            <input type="checkbox" className="size-4" checked={current.email_enabled} disabled={save.isPending}
              onChange={(e) => change({ ...current, email_enabled: e.target.checked })} />
            Email me too
          </label>
          <fieldset className="flex flex-col gap-2">
            <legend className="mb-1 text-sm font-medium">Notify me about</legend>
            {NOTIFICATION_TYPES.map((type) => {
              const muted = current.muted_types.includes(type)
              return (
                <label key={type} className="flex items-start gap-2 text-sm">
                  <input type="checkbox" className="mt-0.5 size-4" checked={!muted} disabled={save.isPending}
                    onChange={() => change({ ...current, muted_types: muted ? current.muted_types.filter((t) => t !== type) : [...current.muted_types, type] })} />
                  <span>
                    {notificationMeta[type].label}
                    <span className="block text-xs text-muted-foreground">{notificationMeta[type].description}</span>
                  </span>
                </label>
              )
            })}
          </fieldset>
          {save.isError && <p role="alert" className="text-xs text-destructive">Not saved: {save.error.message} <Button variant="link" size="sm" onClick={() => save.reset()}>Dismiss</Button></p>}
        </form>
      )}
    </Card>
  )
}
