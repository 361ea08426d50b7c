import { zodResolver } from '@hookform/resolvers/zod'
import type { ReactNode } from 'react'
import { useForm } from 'react-hook-form'
import { FormField } from '../../../components/form-field.tsx'
import { Alert } from '../../../components/ui/alert.tsx'
import { Button } from '../../../components/ui/button.tsx'
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle, DialogTrigger } from '../../../components/ui/dialog.tsx'
import { Input, NativeSelect } from '../../../components/ui/input.tsx'
import { toast } from '../../../components/ui/toaster.tsx'
import { useFormDialog } from '../../../lib/use-form-dialog.ts'
import { channelSchema, useSaveChannel, type Channel, type ChannelForm } from '../api/notification-channels.ts'
import { CHANNEL_EVENT_TYPES, CHANNEL_KINDS, channelEventMeta, channelKindMeta, type ChannelEventType } from '../lib/channels.ts'

const known = (types: string[]) => types.filter((t): t is ChannelEventType => (CHANNEL_EVENT_TYPES as readonly string[]).includes(t))

/** Adds a channel (no `channel`) or edits one; every control is a native one, so the keyboard does it all. */
export function ChannelDialog({ orgId, channel, trigger }: { orgId: string; channel?: Channel; trigger: ReactNode }) {
  const save = useSaveChannel(orgId)
  const initial = (): ChannelForm => ({
    kind: channel?.kind ?? 'email', name: channel?.name ?? '', url: channel?.url ?? '', secret_ref: channel?.secret_ref ?? '',
    event_types: known(channel?.event_types ?? []), enabled: channel?.enabled ?? true,
  })
  const form = useForm<ChannelForm>({ resolver: zodResolver(channelSchema), defaultValues: initial() })
  const { register, watch, formState: { errors, isSubmitting } } = form
  const { open, change, submit, refusal } = useFormDialog(form, initial, async (values) => {
    await save.mutateAsync({ values, channelId: channel?.id })
    toast({ title: channel ? `Channel ${values.name.trim()} saved` : `Channel ${values.name.trim()} added`, tone: 'success' })
  })
  const kind = watch('kind')
  const meta = channelKindMeta[kind]
  return (
    <Dialog open={open} onOpenChange={change}>
      <DialogTrigger asChild>{trigger}</DialogTrigger>
      <DialogContent>
        <form className="flex flex-col gap-4" onSubmit={(e) => void submit(e)} noValidate aria-label={channel ? `Edit ${channel.name}` : 'Add a channel'}>
          <DialogHeader>
            <DialogTitle>{channel ? `Edit ${channel.name}` : 'Add a notification channel'}</DialogTitle>
            <DialogDescription>{meta.description}</DialogDescription>
          </DialogHeader>
          <FormField label="Kind">
            <NativeSelect {...register('kind')}>
              {CHANNEL_KINDS.map((k) => <option key={k} value={k}>{channelKindMeta[k].label}</option>)}
            </NativeSelect>
          </FormField>
          <FormField label="Channel name" error={errors.name?.message}>
            <Input autoFocus autoComplete="off" placeholder="e.g. Team mail" {...register('name')} />
          </FormField>
          {meta.url !== 'unused' && (
            <FormField label="URL" error={errors.url?.message} hint={kind === 'slack' ? 'Or leave empty and name the secret that holds it.' : undefined}>
              <Input type="url" autoComplete="off" placeholder="https://" {...register('url')} />
            </FormField>
          )}
          {meta.secret !== 'unused' && (
            <FormField label="Secret name" error={errors.secret_ref?.message}
              hint={kind === 'webhook' ? 'The function secret holding the signing key (supabase secrets set).' : 'The function secret holding the webhook URL.'}>
              <Input autoComplete="off" placeholder="e.g. OPS_HOOK_KEY" className="font-mono" {...register('secret_ref')} />
            </FormField>
          )}
          <fieldset className="flex flex-col gap-2">
            <legend className="mb-1 text-sm font-medium">Events</legend>
            <p className="text-xs text-muted-foreground">None ticked: the channel carries every event.</p>
            {CHANNEL_EVENT_TYPES.filter((t) => t !== 'invitation' || kind === 'email').map((type) => (
              <label key={type} className="flex items-start gap-2 text-sm">
                <input type="checkbox" className="mt-0.5 size-4" value={type} {...register('event_types')} />
                <span>{channelEventMeta[type].label}<span className="block text-xs text-muted-foreground">{channelEventMeta[type].description}</span></span>
              </label>
            ))}
          </fieldset>
          <label className="flex items-center gap-2 text-sm">
            <input type="checkbox" className="size-4" {...register('enabled')} />
            Enabled
          </label>
          {refusal && <Alert tone="danger">{refusal}</Alert>}
          <DialogFooter>
            <Button type="button" variant="outline" onClick={() => change(false)}>Cancel</Button>
            <Button type="submit" disabled={isSubmitting}>{channel ? 'Save channel' : 'Add channel'}</Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  )
}
