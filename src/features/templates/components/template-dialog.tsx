import { zodResolver } from '@hookform/resolvers/zod'
import { useForm } from 'react-hook-form'
import { useNavigate } from 'react-router'
import { z } from 'zod'
import { FormField } from '../../../components/form-field.tsx'
import { Alert } from '../../../components/ui/alert.tsx'
import { Badge } from '../../../components/ui/badge.tsx'
import { Button } from '../../../components/ui/button.tsx'
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from '../../../components/ui/dialog.tsx'
import { Input, NativeSelect } from '../../../components/ui/input.tsx'
import { useInstantiateTemplate } from '../api/instantiate-template.ts'
import type { TemplateRow } from '../api/list-templates.ts'
import { usageLabel } from '../lib/filter-templates.ts'
import { FLOW_TYPE_LABELS } from '../lib/shared.ts'
import { TemplatePreview } from './template-preview.tsx'

const useTemplateForm = z.object({
  projectId: z.string().min(1, 'Choose a project'),
  name: z.string().trim().min(1, 'Give the pipeline a name').max(200, 'At most 200 characters'),
})

/** One template: its graph, what it is, and (for operators) a pipeline made from it in the current project. */
export function TemplateDialog({ template, project, projects, onProjectChosen, canUse, onClose }: {
  template: TemplateRow
  /** The current project, chosen by default. */
  project: { id: string; name: string }
  /** The organization's projects the pipeline may go into. */
  projects: readonly { id: string; name: string }[]
  /** Makes the chosen project the current one, so the builder opens the new pipeline in it. */
  onProjectChosen: (projectId: string) => void
  /** Why the caller may not create pipelines, or null when they may. */
  canUse: string | null
  onClose: () => void
}) {
  const instantiate = useInstantiateTemplate()
  const navigate = useNavigate()
  const { register, handleSubmit, formState: { errors } } = useForm({ resolver: zodResolver(useTemplateForm), defaultValues: { projectId: project.id, name: template.name } })
  const submit = handleSubmit(async ({ projectId, name }) => {
    const id = await instantiate.mutateAsync({ templateId: template.id, projectId, name }).catch(() => null)
    if (!id) return
    if (projectId !== project.id) onProjectChosen(projectId)
    navigate(`/pipelines/${id}`)
  })
  return (
    <Dialog open onOpenChange={(open) => { if (!open) onClose() }}>
      <DialogContent className="max-h-[92vh] max-w-[calc(100vw-1rem)] overflow-y-auto sm:max-w-3xl">
        <DialogHeader>
          <DialogTitle>{template.name}</DialogTitle>
          <DialogDescription>{template.description ?? 'No description.'}</DialogDescription>
        </DialogHeader>
        <div className="flex flex-wrap items-center gap-1.5 text-xs">
          <Badge tone="info">{FLOW_TYPE_LABELS[template.flow_type]}</Badge>
          <Badge>{template.category}</Badge>
          <Badge>{template.organization_id ? (template.is_public ? 'Public, by your organization' : 'Your organization only') : 'Built in'}</Badge>
          <span className="text-muted-foreground" data-testid="template-usage">{usageLabel(template.popularity)}</span>
          {template.tags.map((tag) => <span key={tag} className="rounded bg-muted px-1.5 py-0.5 text-muted-foreground">#{tag}</span>)}
        </div>
        <TemplatePreview nodes={template.nodes} edges={template.edges} name={template.name} />
        {canUse ? <Alert tone="info">{canUse}</Alert> : (
          <form onSubmit={submit} className="flex flex-col gap-3" aria-label="Use template">
            {projects.length > 1 && (
              <FormField label="Project" error={errors.projectId?.message}>
                <NativeSelect {...register('projectId')}>
                  {projects.map((p) => <option key={p.id} value={p.id}>{p.name}</option>)}
                </NativeSelect>
              </FormField>
            )}
            <FormField label="New pipeline name" hint="Opens in the builder; change anything before you run it." error={errors.name?.message}>
              <Input {...register('name')} />
            </FormField>
            {instantiate.isError && <Alert tone="danger">{instantiate.error.message}</Alert>}
            <DialogFooter>
              <Button type="button" variant="outline" onClick={onClose}>Cancel</Button>
              <Button type="submit" disabled={instantiate.isPending}>{instantiate.isPending ? 'Creating…' : 'Create pipeline'}</Button>
            </DialogFooter>
          </form>
        )}
      </DialogContent>
    </Dialog>
  )
}
