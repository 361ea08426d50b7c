import { Plus } from 'lucide-react'
import { EmptyState, ErrorState, LoadingRows } from '../../../components/states.tsx'
import { Button } from '../../../components/ui/button.tsx'
import { useChannelDeliveries } from '../api/deliveries.ts'
import { memberLabel, useMembers } from '../api/get-members.ts'
import { useChannels } from '../api/notification-channels.ts'
import { ChannelCard } from './channel-card.tsx'
import { ChannelDialog } from './channel-dialog.tsx'

const PER_CHANNEL = 5

/** Where the organization's notifications go besides the app (admins only: RLS shows anyone else no channel). */
export function NotificationChannelsSection({ orgId, canManage }: { orgId: string; canManage: boolean }) {
  return (
    <section aria-labelledby="channels-title" className="flex flex-col gap-3">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h2 id="channels-title" className="text-lg font-semibold">Notification channels</h2>
          <p className="text-sm text-muted-foreground">
            Email, Slack and signed webhooks, besides the in-app bell. Secrets stay in the function secrets: a channel names them.
          </p>
        </div>
        {canManage && <ChannelDialog orgId={orgId} trigger={<Button><Plus aria-hidden />Add channel</Button>} />}
      </div>
      {canManage ? <ChannelList orgId={orgId} />
        : <p className="text-sm" data-testid="channels-admins-only">Only organization admins can see and manage the notification channels.</p>}
    </section>
  )
}

function ChannelList({ orgId }: { orgId: string }) {
  const channels = useChannels(orgId)
  const deliveries = useChannelDeliveries(orgId)
  const members = useMembers(orgId)
  const recipientName = (userId: string) => {
    const member = members.data?.find((m) => m.user_id === userId)
    return member ? memberLabel(member) : 'a former member'
  }
  if (channels.isPending) return <LoadingRows rows={2} />
  if (channels.isError) return <ErrorState error={channels.error} onRetry={() => channels.refetch()} />
  if (channels.data.length === 0) {
    return <EmptyState title="No channels yet" description="Notifications reach people in the app only, and invitations are not emailed. Add an email channel to email them." />
  }
  return (
    <div className="flex flex-col gap-3">
      {deliveries.isError && <ErrorState error={deliveries.error} onRetry={() => deliveries.refetch()} />}
      {channels.data.map((c) => (
        <ChannelCard key={c.id} orgId={orgId} channel={c} recipientName={recipientName}
          deliveries={(deliveries.data ?? []).filter((d) => d.channel_id === c.id).slice(0, PER_CHANNEL)} />
      ))}
    </div>
  )
}
