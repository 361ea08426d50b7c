import { ArrowRight } from 'lucide-react'
import { useState, type FormEvent } from 'react'
import { useNavigate } from 'react-router'
import { FormField } from '../../../components/form-field.tsx'
import { Alert } from '../../../components/ui/alert.tsx'
import { Button } from '../../../components/ui/button.tsx'
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle, DialogTrigger } from '../../../components/ui/dialog.tsx'
import { Input, NativeSelect } from '../../../components/ui/input.tsx'
import { toast } from '../../../components/ui/toaster.tsx'
import type { BoardEnvironment } from '../../environments/api/get-environment-board.ts'
import { usePromoteVersion } from '../api/promote-version.ts'
import type { SourceOption } from '../lib/promotion-summary.ts'

/**
 * Confirms a promotion into `target`: what ships (tag and commit, exactly as it runs in the source), what it
 * replaces, and which of the target's gates it will meet. Opens the run once it has started.
 */
export function PromoteDialog({ target, sources, chain, frozen }: {
  target: BoardEnvironment
  sources: SourceOption[]
  chain: readonly BoardEnvironment[]
  frozen: boolean
}) {
  const navigate = useNavigate()
  const promote = usePromoteVersion()
  const [open, setOpen] = useState(false)
  const [sourceId, setSourceId] = useState(sources[0]?.id ?? '')
  const [note, setNote] = useState('')
  const source = chain.find((e) => e.id === sourceId) ?? chain.find((e) => e.id === sources[0]?.id)
  const tag = source?.current?.version_tag ?? '—'
  const change = (next: boolean) => {
    setOpen(next)
    promote.reset()
    if (next) { setSourceId(sources[0]?.id ?? ''); setNote('') }
  }
  const submit = (event: FormEvent) => {
    event.preventDefault()
    if (!source) return
    // mutateAsync, not mutate's callbacks: the board refetches on success and may unmount this dialog first.
    promote.mutateAsync({ to_environment_id: target.id, from_environment_id: source.id, ...(note.trim() ? { note: note.trim() } : {}) })
      .then((started) => {
        change(false)
        toast({ title: `Promoting ${started.version} to ${started.to.key}`, description: `From ${started.from.key}; the run goes through ${started.to.key}'s gates.` })
        navigate(`/executions/${started.execution_id}`)
      }, () => { /* promote.error shows the refusal */ })
  }
  return (
    <Dialog open={open} onOpenChange={change}>
      <DialogTrigger asChild>
        <Button size="sm" variant="outline" className="w-fit">Promote to {target.key}</Button>
      </DialogTrigger>
      <DialogContent>
        <form className="flex flex-col gap-4" onSubmit={submit} aria-label={`Promote to ${target.key}`}>
          <DialogHeader>
            <DialogTitle>Promote to {target.display_name}</DialogTitle>
            <DialogDescription>
              The exact version that runs in {source?.key ?? 'the stage before'} (same commit and artifact, no rebuild) goes to {target.key}
              through a run of its own.
            </DialogDescription>
          </DialogHeader>
          {sources.length > 1 && (
            <FormField label="From" hint={`${target.key} allows promotion from further back than the stage before it.`}>
              <NativeSelect value={sourceId} onChange={(e) => setSourceId(e.target.value)}>
                {sources.map((s) => <option key={s.id} value={s.id}>{s.key} ({s.versionTag})</option>)}
              </NativeSelect>
            </FormField>
          )}
          <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1.5 text-sm" data-testid="promotion-summary">
            <dt className="text-muted-foreground">Ships</dt>
            <dd className="flex items-center gap-1.5 font-mono">
              {tag} <span className="text-xs text-muted-foreground">{source?.current?.commit_sha ? `commit ${source.current.commit_sha.slice(0, 7)}` : 'no commit recorded'}</span>
            </dd>
            <dt className="text-muted-foreground">Path</dt>
            <dd className="flex items-center gap-1">{source?.key} <ArrowRight className="size-3" aria-hidden /> {target.key}</dd>
            <dt className="text-muted-foreground">Replaces</dt>
            <dd className="font-mono">{target.current?.version_tag ?? 'nothing (first deploy)'}</dd>
            <dt className="text-muted-foreground">Gates</dt>
            <dd>
              <ul className="flex flex-col gap-0.5">
                <li>{target.required_approvals > 0 ? `${target.required_approvals} approval${target.required_approvals === 1 ? '' : 's'} (or ${target.key}'s approval policy) before it deploys` : 'No approval needed'}</li>
                {target.lock?.is_locked && <li>{target.key} is locked: the deploy waits in its queue until it is unlocked</li>}
                {frozen && <li>{target.key} is in a freeze window: the deploy waits until it ends</li>}
              </ul>
            </dd>
          </dl>
          <FormField label="Note (optional)" hint="Shown in the run's name and the audit trail.">
            <Input value={note} maxLength={500} onChange={(e) => setNote(e.target.value)} placeholder="e.g. release train 48" />
          </FormField>
          {promote.error && <Alert tone="danger" role="alert">{promote.error.message}</Alert>}
          <DialogFooter>
            <Button type="button" variant="outline" onClick={() => change(false)}>Cancel</Button>
            <Button type="submit" disabled={promote.isPending || !source}>{promote.isPending ? 'Starting…' : `Promote ${tag} to ${target.key}`}</Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  )
}
