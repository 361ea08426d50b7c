import { Plus, X } from 'lucide-react'
import { useState } from 'react'
import { ConfirmDialog } from '../../../components/confirm-dialog.tsx'
import { EmptyState, ErrorState, LoadingRows } from '../../../components/states.tsx'
import { Button } from '../../../components/ui/button.tsx'
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '../../../components/ui/card.tsx'
import { NativeSelect } from '../../../components/ui/input.tsx'
import { toast } from '../../../components/ui/toaster.tsx'
import { memberLabel, useMembers, type Member } from '../api/get-members.ts'
import { useAddTeamMember, useDeleteTeam, useRemoveTeamMember, useTeams, type Team } from '../api/teams.ts'
import { TeamDialog } from './team-dialog.tsx'

const failed = (title: string) => (e: Error) => toast({ title, description: e.message, tone: 'danger' })

/** Named groups of members; admins create, rename and delete them and choose who is in each. */
export function TeamsSection({ orgId, canManage }: { orgId: string; canManage: boolean }) {
  const teams = useTeams(orgId)
  const members = useMembers(orgId)
  return (
    <section aria-labelledby="teams-title" className="flex flex-col gap-3">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h2 id="teams-title" className="text-lg font-semibold">Teams</h2>
          <p className="text-sm text-muted-foreground">Groups of members. Someone who leaves the organization leaves its teams.</p>
        </div>
        {canManage && <TeamDialog orgId={orgId} trigger={<Button variant="outline"><Plus /> New team</Button>} />}
      </div>
      {teams.isPending || members.isPending ? <LoadingRows rows={2} />
        : teams.isError ? <ErrorState error={teams.error} onRetry={() => teams.refetch()} />
        : teams.data.length === 0 ? <EmptyState title="No teams yet" description={canManage ? 'Create one with New team.' : 'Organization admins create teams.'} />
        : (
          <div className="grid gap-3 md:grid-cols-2">
            {teams.data.map((t) => <TeamCard key={t.id} orgId={orgId} team={t} members={members.data ?? []} canManage={canManage} />)}
          </div>
        )}
    </section>
  )
}

function TeamCard({ orgId, team, members, canManage }: { orgId: string; team: Team; members: Member[]; canManage: boolean }) {
  const remove = useDeleteTeam(orgId)
  const add = useAddTeamMember(orgId)
  const drop = useRemoveTeamMember(orgId)
  const [choice, setChoice] = useState('')
  const byUser = new Map(members.map((m) => [m.user_id, m]))
  const inTeam = team.memberIds.map((id) => ({ id, label: byUser.has(id) ? memberLabel(byUser.get(id)!) : `User ${id.slice(0, 8)}` }))
  const candidates = members.filter((m) => !team.memberIds.includes(m.user_id))
  return (
    <Card aria-label={`Team ${team.name}`} data-testid="team-card">
      <CardHeader>
        <div className="min-w-0">
          <CardTitle>{team.name}</CardTitle>
          <CardDescription>{team.description || `${inTeam.length} ${inTeam.length === 1 ? 'member' : 'members'}`}</CardDescription>
        </div>
        {canManage && (
          <div className="flex gap-1">
            <TeamDialog orgId={orgId} team={team} trigger={<Button size="sm" variant="ghost">Rename</Button>} />
            <ConfirmDialog
              trigger={<Button size="sm" variant="ghost">Delete</Button>}
              title={`Delete the team ${team.name}?`}
              description="The team and its member list go; the people stay members of the organization."
              confirmLabel="Delete team"
              onConfirm={() => remove.mutateAsync(team.id).catch(failed(`Could not delete ${team.name}`))}
            />
          </div>
        )}
      </CardHeader>
      <CardContent className="flex flex-col gap-2">
        {inTeam.length === 0 ? <p className="text-sm text-muted-foreground">Nobody in this team yet.</p> : (
          <ul className="flex flex-wrap gap-1.5" aria-label={`Members of ${team.name}`}>
            {inTeam.map((m) => (
              <li key={m.id} className="flex items-center gap-1 rounded-full border bg-muted/40 py-0.5 pr-1 pl-2 text-xs">
                {m.label}
                {canManage && (
                  <button type="button" className="rounded-full p-0.5 hover:bg-accent" aria-label={`Remove ${m.label} from ${team.name}`}
                    onClick={() => drop.mutateAsync({ teamId: team.id, userId: m.id }).catch(failed(`Could not remove ${m.label}`))}>
                    <X className="size-3" aria-hidden />
                  </button>
                )}
              </li>
            ))}
          </ul>
        )}
        {canManage && candidates.length > 0 && (
          <div className="flex gap-2">
            <NativeSelect aria-label={`Add a member to ${team.name}`} value={choice} onChange={(e) => setChoice(e.target.value)}>
              <option value="">Add a member…</option>
              {candidates.map((m) => <option key={m.user_id} value={m.user_id}>{memberLabel(m)}</option>)}
            </NativeSelect>
            <Button variant="outline" disabled={!choice || add.isPending}
              onClick={() => add.mutateAsync({ teamId: team.id, userId: choice }).then(() => setChoice(''), failed('Could not add to the team'))}>
              Add
            </Button>
          </div>
        )}
      </CardContent>
    </Card>
  )
}
