import { Snowflake } from 'lucide-react'
import { Badge } from '../../../components/ui/badge.tsx'
import { formatDateTime, timeAgo } from '../../../lib/format.ts'
import { useWorkspace } from '../../../lib/workspace.ts'
import { FreezeWindowEditor } from '../../governance/components/freeze-window-editor.tsx'
import type { EnvironmentBoardData } from '../api/get-environment-board.ts'
import { freezeState } from '../lib/promotion-chain.ts'

/** Freeze windows binding this environment that are in force now or still to come. */
export function FreezeWindows({ environmentId, windows }: { environmentId: string; windows: EnvironmentBoardData['freezeWindows'] }) {
  const { project, role } = useWorkspace()
  const editor = project && <FreezeWindowEditor projectId={project.id} environmentId={environmentId} envKey="this environment" canEdit={role === 'admin'} />
  return <div className="flex flex-col gap-2"><UpcomingFreezes environmentId={environmentId} windows={windows} />{editor}</div>
}

function UpcomingFreezes({ environmentId, windows }: { environmentId: string; windows: EnvironmentBoardData['freezeWindows'] }) {
  const { active, upcoming } = freezeState(windows, environmentId)
  const shown = [...(active ? [{ window: active, now: true }] : []), ...upcoming.map((w) => ({ window: w, now: false }))]
  if (shown.length === 0) return <p className="text-sm text-muted-foreground">No freeze window is active or scheduled.</p>
  return (
    <ul className="flex flex-col gap-2" aria-label="Freeze windows">
      {shown.map(({ window: w, now }) => (
        <li key={w.id} className="flex flex-wrap items-center gap-2 text-sm">
          <Badge tone={now ? 'info' : 'neutral'}><Snowflake aria-hidden />{now ? 'Frozen now' : `Starts ${timeAgo(w.starts_at)}`}</Badge>
          <span>{w.reason}</span>
          <span className="text-xs text-muted-foreground">
            {formatDateTime(w.starts_at)} – {formatDateTime(w.ends_at)} · {w.environment_id ? 'this environment' : 'every environment'} · {w.required_role}s may still deploy
          </span>
        </li>
      ))}
    </ul>
  )
}
