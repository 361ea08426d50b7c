import { FileUp } from 'lucide-react'
import { useId, useMemo, useState } from 'react'
import { useNavigate } from 'react-router'
import { Alert } from '../../../components/ui/alert.tsx'
import { Button } from '../../../components/ui/button.tsx'
import { DialogDescription, DialogFooter, DialogHeader, DialogTitle } from '../../../components/ui/dialog.tsx'
import { Input } from '../../../components/ui/input.tsx'
import { Label } from '../../../components/ui/label.tsx'
import { toast } from '../../../components/ui/toaster.tsx'
import { useEnvironmentRules } from '../api/list-environment-rules.ts'
import { useSavePipeline } from '../api/save-pipeline.ts'
import { importWorkflow } from '../lib/actions-import.ts'
import { storedFromCode } from '../lib/graph-convert.ts'

const MAX_FILE_BYTES = 512 * 1024

/**
 * Paste (or pick) a GitHub Actions workflow and see, as you type, the pipeline it becomes and what does not
 * carry over, line by line; "Create pipeline" saves it and opens it in the builder. Inside ImportWorkflowDialog.
 */
export function ImportWorkflowForm({ projectId, onDone }: { projectId: string; onDone: () => void }) {
  const [text, setText] = useState('')
  const [repository, setRepository] = useState('')
  const [workflowPath, setWorkflowPath] = useState('.github/workflows/ci.yml')
  const [fileError, setFileError] = useState<string | null>(null)
  const environments = useEnvironmentRules(projectId)
  const save = useSavePipeline()
  const navigate = useNavigate()
  const ids = { repo: useId(), path: useId(), text: useId() }

  const result = useMemo(() => (text.trim() && repository.trim()
    ? importWorkflow(text, { repository: repository.trim(), workflowPath: workflowPath.trim() || '.github/workflows/ci.yml', environments: environments.data ?? [] })
    : null), [text, repository, workflowPath, environments.data])

  const pick = async (file: File | undefined) => {
    setFileError(null)
    if (!file) return
    if (file.size > MAX_FILE_BYTES) return setFileError(`${file.name} is larger than 512 KB; a workflow file is much smaller.`)
    setText(await file.text())
    setWorkflowPath(`.github/workflows/${file.name}`)
  }

  const create = async () => {
    if (!result?.ok) return
    const stored = storedFromCode(result.pipeline)
    try {
      const saved = await save.mutateAsync({ projectId, name: result.pipeline.name, type: 'cicd', nodes: stored.nodes, edges: stored.edges })
      onDone()
      toast({ title: 'Pipeline imported', description: `${stored.nodes.length} nodes from ${workflowPath}.`, tone: 'success' })
      navigate(`/pipelines/${saved.id}`)
    } catch (error) {
      toast({ title: 'Could not save the imported pipeline', description: error instanceof Error ? error.message : String(error), tone: 'danger' })
    }
  }

  return (
    <>
    <DialogHeader>
      <DialogTitle>Import a GitHub Actions workflow</DialogTitle>
      <DialogDescription>Jobs become stages, <code>needs</code> become connections, jobs with an environment become deploys. What has no place in a pipeline is listed with its line.</DialogDescription>
    </DialogHeader>
    <div className="grid gap-3 sm:grid-cols-2">
      <div className="flex flex-col gap-1.5">
        <Label htmlFor={ids.repo}>Repository</Label>
        <Input id={ids.repo} placeholder="owner/name" value={repository} onChange={(e) => setRepository(e.target.value)} />
      </div>
      <div className="flex flex-col gap-1.5">
        <Label htmlFor={ids.path}>Workflow file</Label>
        <Input id={ids.path} value={workflowPath} onChange={(e) => setWorkflowPath(e.target.value)} />
      </div>
    </div>
    <div className="flex flex-col gap-1.5">
      <div className="flex items-center justify-between">
        <Label htmlFor={ids.text}>Workflow YAML</Label>
        <label className="inline-flex cursor-pointer items-center gap-1 text-xs text-primary hover:underline">
          <FileUp className="size-3.5" aria-hidden /> Choose a file
          <input type="file" accept=".yml,.yaml" className="sr-only" onChange={(e) => void pick(e.target.files?.[0])} />
        </label>
      </div>
      <textarea
        id={ids.text} value={text} onChange={(e) => setText(e.target.value)} spellCheck={false} rows={10} wrap="off"
        placeholder={'name: CI\non:\n  push:\n    branches: [main]\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - run: make'}
        className="rounded-md border bg-background p-2 font-mono text-xs"
      />
      {fileError && <p className="text-xs text-destructive" role="alert">{fileError}</p>}
    </div>
    <div aria-live="polite" data-testid="import-preview" className="max-h-48 overflow-auto text-sm">
      {!result ? <p className="text-muted-foreground">Name the repository and paste a workflow to see what it becomes.</p>
        : !result.ok ? (
          <Alert tone="danger">
            <ul>{result.errors.map((e, i) => <li key={i}>Line {e.line}: {e.message}</li>)}</ul>
          </Alert>
        ) : (
          <>
            <p data-testid="import-summary">
              “{result.pipeline.name}”: {result.pipeline.nodes.length} stages, {result.pipeline.edges.length} connections
              ({result.pipeline.nodes.filter((n) => n.kind === 'deploy').length} deploys).
            </p>
            {result.notes.length > 0 && (
              <ul className="mt-2 flex flex-col gap-0.5 text-xs text-muted-foreground" data-testid="import-notes" aria-label="Not carried over">
                {result.notes.map((n, i) => <li key={i}>Line {n.line}: {n.message}</li>)}
              </ul>
            )}
          </>
        )}
    </div>
    <DialogFooter>
      <Button variant="ghost" onClick={onDone}>Cancel</Button>
      <Button disabled={!result?.ok || save.isPending} onClick={() => void create()}>{save.isPending ? 'Creating…' : 'Create pipeline'}</Button>
    </DialogFooter>
    </>
  )
}
