import { LogOut, SunMoon, UserRound } from 'lucide-react'
import { useNavigate } from 'react-router'
import { Avatar } from '../../components/ui/avatar.tsx'
import { Badge } from '../../components/ui/badge.tsx'
import { PopupMenu } from '../../components/ui/popup-menu.tsx'
import { supabase } from '../../lib/supabase.ts'
import { useWorkspace } from '../../lib/workspace.ts'
import { toggleTheme } from './theme.ts'

export function UserMenu() {
  const { user, displayName, avatarUrl, role } = useWorkspace()
  const navigate = useNavigate()
  return (
    <PopupMenu
      label="Account menu"
      heading={user.email}
      trigger={<>
        <Avatar name={displayName} src={avatarUrl} />
        <span className="min-w-0 flex-1">
          <span className="block truncate text-sm font-medium">{displayName}</span>
          <span className="block truncate text-xs text-muted-foreground" data-testid="user-email">{user.email}</span>
        </span>
        {role && <Badge tone="accent" data-testid="user-role">{role}</Badge>}
      </>}
      items={[
        { label: 'Profile', icon: <UserRound />, onSelect: () => navigate('/profile') },
        { label: 'Toggle theme', icon: <SunMoon />, onSelect: toggleTheme },
        { label: 'Sign out', icon: <LogOut />, onSelect: () => void supabase.auth.signOut() },
      ]}
    />
  )
}
