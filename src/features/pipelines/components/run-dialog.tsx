import { zodResolver } from '@hookform/resolvers/zod'
import { Play } from 'lucide-react'
import { useState } from 'react'
import { useForm } from 'react-hook-form'
import { useNavigate } from 'react-router'
import { z } from 'zod'
import { FormField } from '../../../components/form-field.tsx'
import { Alert } from '../../../components/ui/alert.tsx'
import { Button } from '../../../components/ui/button.tsx'
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from '../../../components/ui/dialog.tsx'
import { Input, NativeSelect } from '../../../components/ui/input.tsx'
import { Tooltip } from '../../../components/ui/tooltip.tsx'
import { FunctionError } from '../../../lib/functions.ts'
import { useProject } from '../../../lib/workspace.ts'
import { useEnvironmentRules } from '../api/list-environment-rules.ts'
import { useRunPipeline } from '../api/run-pipeline.ts'

const runForm = z.object({ environment: z.string(), version: z.string().trim().max(200, 'At most 200 characters') })
type RunForm = z.infer<typeof runForm>

/** What the function said, with the rules' issues when it refused an invalid graph. */
function describeError(error: unknown): string[] {
  if (!(error instanceof Error)) return [String(error)]
  const issues = error instanceof FunctionError ? (error.details as { issues?: { message: string }[] } | undefined)?.issues : undefined
  return issues?.length ? [error.message.split(':')[0]!, ...issues.map((i) => i.message)] : [error.message]
}

/** "Run": pick a target environment and version, start it through pipeline-execute, go to the execution. */
export function RunDialog({ pipelineId, pipelineName, disabledReason, size }: { pipelineId: string; pipelineName: string; disabledReason?: string; size?: 'sm' }) {
  const [open, setOpen] = useState(false)
  const project = useProject()
  const environments = useEnvironmentRules(project.id)
  const run = useRunPipeline()
  const navigate = useNavigate()
  const { register, handleSubmit, formState: { errors } } = useForm<RunForm>({ resolver: zodResolver(runForm), defaultValues: { environment: '', version: '' } })
  const submit = handleSubmit(async (values) => {
    const started = await run.mutateAsync({ flow_template_id: pipelineId, environment: values.environment || undefined, version: values.version || undefined }).catch(() => null)
    if (started) navigate(`/executions/${started.execution_id}`)
  })

  const trigger = (
    <Button size={size} disabled={Boolean(disabledReason)} onClick={() => { run.reset(); setOpen(true) }} aria-label={size ? `Run ${pipelineName}` : 'Run'}>
      <Play /> Run
    </Button>
  )
  return (
    <>
      {disabledReason ? <Tooltip content={disabledReason}><span tabIndex={0}>{trigger}</span></Tooltip> : trigger}
      <Dialog open={open} onOpenChange={setOpen}>
        <DialogContent>
          <DialogHeader>
            <DialogTitle>Run {pipelineName}</DialogTitle>
            <DialogDescription>Starts a new execution of the saved pipeline. Approval gates will wait for an admin.</DialogDescription>
          </DialogHeader>
          <form onSubmit={submit} className="flex flex-col gap-4" aria-label="Run pipeline">
            <FormField label="Target environment" hint="Optional: the environment this run is for.">
              <NativeSelect {...register('environment')} disabled={environments.isPending}>
                <option value="">None</option>
                {environments.data?.map((e) => <option key={e.key} value={e.key}>{e.display_name} ({e.key})</option>)}
              </NativeSelect>
            </FormField>
            <FormField label="Version" hint="Optional: what deploy nodes ship. Empty: named after the pipeline and date." error={errors.version?.message}>
              <Input placeholder="e.g. v1.4.0" {...register('version')} />
            </FormField>
            {run.isError && (
              <Alert tone="danger" data-testid="run-error">
                {describeError(run.error).map((line, i) => <p key={i} className={i === 0 ? 'font-medium' : ''}>{line}</p>)}
              </Alert>
            )}
            <DialogFooter>
              <Button type="button" variant="outline" onClick={() => setOpen(false)}>Cancel</Button>
              <Button type="submit" disabled={run.isPending}>{run.isPending ? 'Starting…' : 'Start run'}</Button>
            </DialogFooter>
          </form>
        </DialogContent>
      </Dialog>
    </>
  )
}
