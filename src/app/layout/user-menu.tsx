import { LogOut, Moon, Sun, UserRound } from 'lucide-react'
import { useNavigate } from 'react-router'
import { Avatar } from '../../components/ui/avatar.tsx'
import { Badge } from '../../components/ui/badge.tsx'
import { DropdownMenu, DropdownMenuContent, DropdownMenuItem, DropdownMenuLabel, DropdownMenuSeparator, DropdownMenuTrigger } from '../../components/ui/dropdown-menu.tsx'
import { supabase } from '../../lib/supabase.ts'
import { useWorkspace } from '../../lib/workspace.ts'
import { toggleTheme } from './theme.ts'

export function UserMenu() {
  const { user, displayName, avatarUrl, role } = useWorkspace()
  const navigate = useNavigate()
  return (
    <DropdownMenu>
      <DropdownMenuTrigger className="flex w-full items-center gap-2 rounded-md p-2 text-left hover:bg-accent" aria-label="Account menu">
        <Avatar name={displayName} src={avatarUrl} />
        <span className="min-w-0 flex-1">
          <span className="block truncate text-sm font-medium">{displayName}</span>
          <span className="block truncate text-xs text-muted-foreground" data-testid="user-email">{user.email}</span>
        </span>
        {role && <Badge tone="accent" data-testid="user-role">{role}</Badge>}
      </DropdownMenuTrigger>
      <DropdownMenuContent align="end" side="top">
        <DropdownMenuLabel>{user.email}</DropdownMenuLabel>
        <DropdownMenuItem onSelect={() => navigate('/profile')}><UserRound /> Profile</DropdownMenuItem>
        <DropdownMenuItem onSelect={toggleTheme}><Sun className="dark:hidden" /><Moon className="hidden dark:block" /> Toggle theme</DropdownMenuItem>
        <DropdownMenuSeparator />
        <DropdownMenuItem onSelect={() => void supabase.auth.signOut()}><LogOut /> Sign out</DropdownMenuItem>
      </DropdownMenuContent>
    </DropdownMenu>
  )
}
