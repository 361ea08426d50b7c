import { useState } from 'react'
import { useNavigate } from 'react-router'
import { FormField } from '../../../components/form-field.tsx'
import { Alert } from '../../../components/ui/alert.tsx'
import { Button } from '../../../components/ui/button.tsx'
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle, DialogTrigger } from '../../../components/ui/dialog.tsx'
import { Input } from '../../../components/ui/input.tsx'
import { toast } from '../../../components/ui/toaster.tsx'
import { useDeleteOrganization } from '../api/manage-organization.ts'

/** Deleting asks for the slug typed out, says what goes with it, and shows the database's refusal if any. */
export function DeleteOrganization({ orgId, orgName, slug, projectCount, onDeparture }: {
  orgId: string
  orgName: string
  slug: string
  projectCount: number
  /** Called just before deleting, so the workspace does not report the organization's disappearance as a removal. */
  onDeparture(): void
}) {
  const remove = useDeleteOrganization(orgId)
  const navigate = useNavigate()
  const [open, setOpen] = useState(false)
  const [typed, setTyped] = useState('')
  const [refusal, setRefusal] = useState<string | null>(null)
  const change = (next: boolean) => { setOpen(next); setTyped(''); setRefusal(null) }
  const confirm = async () => {
    setRefusal(null)
    try {
      onDeparture()
      await remove.mutateAsync()
      toast({ title: `${orgName} deleted`, tone: 'success' })
      navigate('/')
    } catch (e) {
      setRefusal((e as Error).message)
    }
  }
  const projects = projectCount === 1 ? '1 project' : `${projectCount} projects`
  return (
    <Dialog open={open} onOpenChange={change}>
      <DialogTrigger asChild><Button variant="destructive" className="self-start">Delete organization</Button></DialogTrigger>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>Delete {orgName}?</DialogTitle>
          <DialogDescription>
            This deletes the organization with its {projects} and everything in them: pipelines, runs, environments, deployments,
            connections, teams, members and invitations. It cannot be undone.
          </DialogDescription>
        </DialogHeader>
        <FormField label={`Type ${slug} to confirm`}>
          <Input autoComplete="off" spellCheck={false} value={typed} onChange={(e) => setTyped(e.target.value)} />
        </FormField>
        {refusal && <Alert tone="danger">{refusal}</Alert>}
        <DialogFooter>
          <Button variant="outline" onClick={() => change(false)}>Keep it</Button>
          <Button variant="destructive" disabled={typed.trim() !== slug || remove.isPending} onClick={() => void confirm()}>Delete {orgName}</Button>
        </DialogFooter>
      </DialogContent>
    </Dialog>
  )
}
