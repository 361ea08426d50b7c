import { PageHeader } from '../../../components/states.tsx'
import { NotificationList } from '../components/notification-list.tsx'
import { NotificationSettingsSection } from '../components/notification-settings.tsx'

export default function NotificationsPage() {
  return (
    <>
      <PageHeader title="Notifications" description="What needs you: approvals you can vote on, your runs that failed, break-glass requests." />
      <div className="grid grid-cols-1 gap-6 lg:grid-cols-[1fr_20rem]">
        <NotificationList />
        <NotificationSettingsSection />
      </div>
    </>
  )
}
