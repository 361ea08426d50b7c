import { ConfirmDialog } from '../../../components/confirm-dialog.tsx'
import { Badge } from '../../../components/ui/badge.tsx'
import { Button } from '../../../components/ui/button.tsx'
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '../../../components/ui/card.tsx'
import { toast } from '../../../components/ui/toaster.tsx'
import type { Delivery } from '../api/deliveries.ts'
import { useDeleteChannel, useSendTestMessage, useSetChannelEnabled, type Channel } from '../api/notification-channels.ts'
import { channelKindMeta, describeEventTypes } from '../lib/channels.ts'
import { ChannelDeliveries } from './channel-deliveries.tsx'
import { ChannelDialog } from './channel-dialog.tsx'

const failed = (title: string) => (e: Error) => toast({ title, description: e.message, tone: 'danger' })

/** One channel: what it carries, on or off, edit, test, delete, and its latest deliveries. */
export function ChannelCard({ orgId, channel, deliveries, recipientName }: {
  orgId: string
  channel: Channel
  deliveries: Delivery[]
  recipientName(userId: string): string
}) {
  const setEnabled = useSetChannelEnabled(orgId)
  const remove = useDeleteChannel(orgId)
  const test = useSendTestMessage(orgId)
  const target = channel.kind === 'email' ? 'Email' : channel.url ?? `the URL in the secret ${channel.secret_ref}`
  return (
    <Card data-testid="channel" data-name={channel.name} data-enabled={channel.enabled}>
      <CardHeader>
        <div className="flex flex-col gap-1">
          <CardTitle className="flex items-center gap-2">
            {channel.name}
            <Badge tone="info">{channelKindMeta[channel.kind].label}</Badge>
            {!channel.enabled && <Badge tone="neutral">Disabled</Badge>}
          </CardTitle>
          <CardDescription>
            {channel.kind === 'email' ? 'To each recipient\'s address' : <span className="font-mono text-xs">{target}</span>}
            {channel.kind === 'webhook' && <> · signed with the secret <span className="font-mono">{channel.secret_ref}</span></>}
            {' · '}{describeEventTypes(channel.event_types)}
          </CardDescription>
        </div>
      </CardHeader>
      <CardContent className="flex flex-col gap-3">
        <div className="flex flex-wrap items-center gap-2">
          <label className="flex items-center gap-2 text-sm">
            <input type="checkbox" className="size-4" checked={setEnabled.isPending && setEnabled.variables ? setEnabled.variables.enabled : channel.enabled}
              disabled={setEnabled.isPending} aria-label={`${channel.name} enabled`}
              onChange={(e) => setEnabled.mutateAsync({ channelId: channel.id, enabled: e.target.checked }).catch(failed('Could not change the channel'))} />
            Enabled
          </label>
          <ChannelDialog orgId={orgId} channel={channel} trigger={<Button size="sm" variant="outline" aria-label={`Edit ${channel.name}`}>Edit</Button>} />
          <Button size="sm" variant="outline" disabled={test.isPending} aria-label={`Send a test message to ${channel.name}`}
            onClick={() => test.mutateAsync(channel.id).then(
              () => toast({ title: 'Test message queued', description: channel.kind === 'email' ? 'It goes to your own address; its outcome appears below.' : 'Its outcome appears below.', tone: 'success' }),
              failed('Could not send a test message'))}>
            Send a test message
          </Button>
          <ConfirmDialog
            trigger={<Button size="sm" variant="outline" aria-label={`Delete ${channel.name}`}>Delete</Button>}
            title={`Delete the channel ${channel.name}?`}
            description="Nothing more goes to it, messages not yet sent are dropped, and its delivery history goes with it."
            confirmLabel="Delete channel"
            onConfirm={() => remove.mutateAsync(channel.id).then(() => toast({ title: `Channel ${channel.name} deleted`, tone: 'success' }), failed('Could not delete the channel'))}
          />
        </div>
        <ChannelDeliveries channelName={channel.name} deliveries={deliveries} recipientName={recipientName} />
      </CardContent>
    </Card>
  )
}
