import { Plus, Trash2 } from 'lucide-react'
import { useState } from 'react'
import { Alert } from '../../../components/ui/alert.tsx'
import { Button } from '../../../components/ui/button.tsx'
import { Input, NativeSelect } from '../../../components/ui/input.tsx'
import { CopyField } from '../../../components/copy-field.tsx'
import { useSetupMutations } from '../api/setup.ts'
import { StepActions } from './step-actions.tsx'

type Role = 'admin' | 'operator' | 'viewer'
const ROLE_HINT: Record<Role, string> = { admin: 'approves, locks, manages members', operator: 'builds, runs and deploys', viewer: 'sees everything, changes nothing' }

/** Step 3: invitations by email with a role; each link is shown to copy (the database keeps only its hash). */
export function TeamStep({ orgId, userId, onDone, onSkip }: { orgId: string; userId: string; onDone: () => void; onSkip: () => void }) {
  const [rows, setRows] = useState<Array<{ email: string; role: Role }>>([{ email: '', role: 'operator' }])
  const { invite } = useSetupMutations(orgId)
  const filled = rows.filter((r) => r.email.trim())
  const update = (i: number, change: Partial<{ email: string; role: Role }>) => setRows((r) => r.map((row, j) => (j === i ? { ...row, ...change } : row)))
  return (
    <div className="flex flex-col gap-4">
      <form className="flex flex-col gap-2" onSubmit={(e) => { e.preventDefault(); invite.mutate(filled.map((r) => ({ email: r.email.trim(), role: r.role }))) }}>
        {rows.map((row, i) => (
          <div key={i} className="flex flex-wrap items-center gap-2">
            <Input type="email" aria-label={`Email ${i + 1}`} placeholder="colleague@example.com" value={row.email} onChange={(e) => update(i, { email: e.target.value })} className="min-w-60 flex-1" />
            <NativeSelect aria-label={`Role for email ${i + 1}`} value={row.role} onChange={(e) => update(i, { role: e.target.value as Role })} className="w-auto">
              {(Object.keys(ROLE_HINT) as Role[]).map((r) => <option key={r} value={r}>{r}: {ROLE_HINT[r]}</option>)}
            </NativeSelect>
            <Button type="button" size="icon" variant="ghost" aria-label={`Remove email ${i + 1}`} disabled={rows.length === 1} onClick={() => setRows((r) => r.filter((_, j) => j !== i))}><Trash2 aria-hidden /></Button>
          </div>
        ))}
        <div className="flex gap-2">
          <Button type="button" variant="outline" size="sm" onClick={() => setRows((r) => [...r, { email: '', role: 'operator' }])}><Plus aria-hidden /> Another person</Button>
          <Button type="submit" size="sm" disabled={filled.length === 0 || invite.isPending}>{invite.isPending ? 'Inviting…' : `Invite ${filled.length || ''}`.trim()}</Button>
        </div>
      </form>
      {invite.data && (
        <ul className="flex flex-col gap-2" aria-label="Invitations sent">
          {invite.data.map((r) => 'error' in r
            ? <li key={r.email}><Alert tone="danger">{r.email}: {r.error}</Alert></li>
            : (
              <li key={r.email} className="flex flex-col gap-1 text-sm">
                <span>{r.email} as {r.role}, valid until {new Date(r.expiresAt).toLocaleDateString()}: send them this link</span>
                <CopyField value={r.link} label={`invitation link for ${r.email}`} testId="invitation-link" />
              </li>
            ))}
        </ul>
      )}
      <StepActions onSkip={invite.data ? undefined : onSkip} onContinue={onDone} canContinue={Boolean(invite.data)} />
    </div>
  )
}
