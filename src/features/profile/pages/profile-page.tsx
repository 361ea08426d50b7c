import { ErrorState, LoadingRows, PageHeader } from '../../../components/states.tsx'
import { useWorkspace } from '../../../lib/workspace.ts'
import { useProfile } from '../api/get-profile.ts'
import { AvatarUpload } from '../components/avatar-upload.tsx'
import { DefaultMode } from '../components/default-mode.tsx'
import { Memberships } from '../components/memberships.tsx'
import { ProfileDetails } from '../components/profile-details.tsx'

export default function ProfilePage() {
  const { user, role, displayName } = useWorkspace()
  const profile = useProfile(user.id)
  return (
    <>
      <PageHeader title="Profile" description="How you appear to your teammates, and how the app opens for you." />
      {profile.isPending ? <LoadingRows rows={6} />
        : profile.isError ? <ErrorState error={profile.error} onRetry={() => void profile.refetch()} />
        : (
          <div className="grid grid-cols-1 gap-4 lg:grid-cols-2">
            <div className="flex flex-col gap-4">
              <ProfileDetails userId={user.id} email={user.email ?? profile.data.email ?? ''} fullName={profile.data.fullName} />
              <AvatarUpload userId={user.id} name={displayName} avatarUrl={profile.data.avatarUrl} />
            </div>
            <div className="flex flex-col gap-4">
              <DefaultMode userId={user.id} stored={profile.data.defaultMode} role={role} />
              <Memberships memberships={profile.data.memberships} />
            </div>
          </div>
        )}
    </>
  )
}
