import { zodResolver } from '@hookform/resolvers/zod'
import { Upload } from 'lucide-react'
import { useState } from 'react'
import { useForm } from 'react-hook-form'
import { z } from 'zod'
import { FormField } from '../../../components/form-field.tsx'
import { Alert } from '../../../components/ui/alert.tsx'
import { Button } from '../../../components/ui/button.tsx'
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from '../../../components/ui/dialog.tsx'
import { Input, NativeSelect, Textarea } from '../../../components/ui/input.tsx'
import { toast } from '../../../components/ui/toaster.tsx'
import { useProjectPipelines } from '../api/list-project-pipelines.ts'
import { usePublishTemplate } from '../api/publish-template.ts'
import { parseTags } from '../lib/filter-templates.ts'

const publishForm = z.object({
  pipelineId: z.string().min(1, 'Choose a pipeline'),
  name: z.string().trim().min(1, 'Give the template a name').max(200, 'At most 200 characters'),
  description: z.string().trim().max(1000, 'At most 1,000 characters'),
  category: z.string().trim().min(1, 'Give it a category').max(80, 'At most 80 characters'),
  tags: z.string().max(400),
  visibility: z.enum(['organization', 'public']),
})
type PublishForm = z.infer<typeof publishForm>

/** "Publish a pipeline": one of the project's saved pipelines becomes a template of the organization, or public. */
export function PublishDialog({ project, organization, onPublished }: {
  project: { id: string; name: string }
  organization: { id: string; name: string }
  onPublished: (name: string) => void
}) {
  const [open, setOpen] = useState(false)
  const pipelines = useProjectPipelines(project.id, open)
  const publish = usePublishTemplate()
  const { register, handleSubmit, setValue, getValues, reset, formState: { errors } } = useForm<PublishForm>({
    resolver: zodResolver(publishForm),
    defaultValues: { pipelineId: '', name: '', description: '', category: 'Internal', tags: '', visibility: 'organization' },
  })
  const submit = handleSubmit(async (values) => {
    const saved = await publish.mutateAsync({
      pipelineId: values.pipelineId, organizationId: organization.id, name: values.name, description: values.description,
      category: values.category, tags: parseTags(values.tags), visibility: values.visibility,
    }).catch(() => null)
    if (!saved) return
    toast({ title: 'Template published', description: values.visibility === 'public' ? 'Anyone can use it now.' : `Everyone in ${organization.name} can use it now.`, tone: 'success' })
    setOpen(false)
    onPublished(values.name)
  })
  const pipelineField = register('pipelineId', {
    onChange: (e: { target: { value: string } }) => {
      const chosen = pipelines.data?.find((p) => p.id === e.target.value)
      if (chosen && !getValues('name')) setValue('name', chosen.name)
      if (chosen?.description && !getValues('description')) setValue('description', chosen.description)
    },
  })
  return (
    <>
      <Button variant="outline" onClick={() => { publish.reset(); reset(); setOpen(true) }}><Upload /> Publish a pipeline</Button>
      <Dialog open={open} onOpenChange={setOpen}>
        <DialogContent className="max-h-[92vh] max-w-[calc(100vw-1rem)] overflow-y-auto sm:max-w-lg">
          <DialogHeader>
            <DialogTitle>Publish a pipeline as a template</DialogTitle>
            <DialogDescription>Copies the saved graph of a pipeline in {project.name}. Later edits to the pipeline do not change the template.</DialogDescription>
          </DialogHeader>
          <form onSubmit={submit} className="flex flex-col gap-3" aria-label="Publish template">
            <FormField label="Pipeline" error={errors.pipelineId?.message}>
              <NativeSelect {...pipelineField} disabled={pipelines.isPending}>
                <option value="">{pipelines.isPending ? 'Loading…' : 'Choose a pipeline'}</option>
                {pipelines.data?.map((p) => <option key={p.id} value={p.id}>{p.name}</option>)}
              </NativeSelect>
            </FormField>
            <FormField label="Template name" error={errors.name?.message}><Input {...register('name')} /></FormField>
            <FormField label="Description" error={errors.description?.message}><Textarea rows={2} {...register('description')} /></FormField>
            <FormField label="Category" hint="The shelf it appears on, e.g. Continuous delivery, Internal." error={errors.category?.message}><Input {...register('category')} /></FormField>
            <FormField label="Tags" hint="Separated by commas or spaces." error={errors.tags?.message}><Input placeholder="payments, hotfix" {...register('tags')} /></FormField>
            <fieldset className="flex flex-col gap-1.5 text-sm">
              <legend className="mb-1 text-sm font-medium">Who can use it</legend>
              <label className="flex items-center gap-2"><input type="radio" value="organization" {...register('visibility')} /> Everyone in {organization.name}</label>
              <label className="flex items-center gap-2"><input type="radio" value="public" {...register('visibility')} /> Public: every organization, and visitors</label>
            </fieldset>
            {publish.isError && <Alert tone="danger">{publish.error.message}</Alert>}
            <DialogFooter>
              <Button type="button" variant="outline" onClick={() => setOpen(false)}>Cancel</Button>
              <Button type="submit" disabled={publish.isPending}>{publish.isPending ? 'Publishing…' : 'Publish template'}</Button>
            </DialogFooter>
          </form>
        </DialogContent>
      </Dialog>
    </>
  )
}
