import { lazy, Suspense, useCallback, useLayoutEffect, useMemo, useRef, useState } from 'react'
import { useNavigate } from 'react-router'
import { LoadingRows } from '../../../components/states.tsx'
import { Alert } from '../../../components/ui/alert.tsx'
import { Button } from '../../../components/ui/button.tsx'
import { toast } from '../../../components/ui/toaster.tsx'
import { can } from '../../../lib/permissions.ts'
import { cn } from '../../../lib/utils.ts'
import { useWorkspace } from '../../../lib/workspace.ts'
import type { EnvironmentRulesData } from '../api/list-environment-rules.ts'
import type { PipelineData } from '../api/get-pipeline.ts'
import { useSavePipeline } from '../api/save-pipeline.ts'
import { useAutosavedDraft } from '../hooks/use-autosaved-draft.ts'
import { useEditorShortcuts } from '../hooks/use-editor-shortcuts.ts'
import { clearDraft, draftScope, readDraft, type Draft } from '../lib/drafts.ts'
import { useGraphIssues } from '../hooks/use-graph-issues.ts'
import { fromStoredJson, toStoredJson } from '../lib/graph-convert.ts'
import { countIssues, highlightsFor, plural } from '../lib/issue-highlights.ts'
import { starterGraph } from '../lib/node-factory.ts'
import type { FlowType } from '../lib/shared.ts'
import { useEditorStore } from '../store/editor-store.ts'
import { DraftNotice } from './draft-notice.tsx'
import { EditorToolbar } from './editor-toolbar.tsx'
import { ExplainPipeline } from './explain-pipeline.tsx'
import { IssuesPanel } from './issues-panel.tsx'
import { NodePanel } from './node-panel.tsx'
import { Palette } from './palette.tsx'
import { PipelineCanvas } from './pipeline-canvas.tsx'
import { RunDialog } from './run-dialog.tsx'
import { UnsavedChangesGuard } from './unsaved-changes-guard.tsx'
import { VersionHistory } from './version-history.tsx'

// The code view brings the YAML parser: loaded when the Code tab is first opened.
const CodeView = lazy(() => import('./code-view.tsx').then((m) => ({ default: m.CodeView })))

/** The builder for one pipeline (or a new one): palette, canvas, side panel, live rule checks, save and run. */
export function PipelineEditor({ pipeline, environments, projectId, renderAll, newType = 'cicd' }: { pipeline: PipelineData | null; environments: EnvironmentRulesData; projectId: string; renderAll?: boolean; newType?: FlowType }) {
  const { role } = useWorkspace()
  const readOnly = !can(role, 'editPipelines')
  const navigate = useNavigate()
  const save = useSavePipeline()
  const version = useRef(pipeline?.version)
  const [loadError, setLoadError] = useState<string[] | null>(null)
  const [loaded, setLoaded] = useState(false)
  const [side, setSide] = useState<'node' | 'code' | 'history'>('node')
  const [message, setMessage] = useState('')
  const envKeys = useMemo(() => environments.map((e) => e.key), [environments])
  const scope = draftScope(pipeline?.id, projectId)
  const [draft, setDraft] = useState<Draft | null>(null)
  useAutosavedDraft(scope, useCallback(() => version.current, []), !readOnly)

  useLayoutEffect(() => {
    const { load } = useEditorStore.getState()
    if (!pipeline) {
      load({ name: '', type: newType, ...starterGraph(envKeys, newType) })
    } else {
      const graph = fromStoredJson(pipeline.nodes, pipeline.edges)
      if (!graph.ok) setLoadError(graph.errors)
      load({ name: pipeline.name, type: pipeline.type, ...(graph.ok ? graph : { nodes: [], edges: [] }) })
    }
    setDraft(readOnly ? null : readDraft(scope))
    setLoaded(true)
  }, [pipeline?.id]) // eslint-disable-line react-hooks/exhaustive-deps -- load once per pipeline; later refetches must not clobber edits

  const issues = useGraphIssues(environments)
  const edges = useEditorStore((s) => s.edges)
  const highlights = useMemo(() => highlightsFor(issues, edges), [issues, edges])
  const { errors } = countIssues(issues)
  const dirty = useEditorStore((s) => s.dirty)
  const announcement = useEditorStore((s) => s.announcement)

  const restoreDraft = () => {
    if (!draft) return
    const graph = fromStoredJson(draft.nodes, draft.edges)
    if (!graph.ok) return toast({ title: 'The kept changes could not be read', description: graph.errors.join('; '), tone: 'danger' })
    const store = useEditorStore.getState()
    store.setName(draft.name)
    store.setType(draft.type as FlowType)
    store.replaceGraph(graph.nodes, graph.edges, 'Restored your unsaved changes')
    setDraft(null)
  }
  const discardDraft = () => { clearDraft(scope); setDraft(null) }

  const onSave = async () => {
    if (readOnly || save.isPending) return
    const { name, type, nodes, edges: current } = useEditorStore.getState()
    if (name.trim() === '') return toast({ title: 'Give the pipeline a name before saving', tone: 'danger' })
    const stored = toStoredJson(nodes, current)
    try {
      const saved = await save.mutateAsync({ id: pipeline?.id, projectId, name, type, nodes: stored.nodes, edges: stored.edges, version: version.current, message })
      version.current = saved.version
      useEditorStore.getState().markSaved()
      setMessage('')
      toast({ title: 'Pipeline saved', description: errors > 0 ? `It has ${plural(errors, 'error')}; it cannot run until fixed.` : undefined, tone: errors > 0 ? 'info' : 'success' })
      if (!pipeline) navigate(`/pipelines/${saved.id}`, { replace: true })
    } catch (error) {
      toast({ title: 'Could not save the pipeline', description: error instanceof Error ? error.message : String(error), tone: 'danger' })
    }
  }
  useEditorShortcuts(onSave, !readOnly)

  const status = dirty ? 'Unsaved changes' : pipeline ? 'Saved' : 'Not saved yet'
  const runBlocked = !pipeline ? 'Save the pipeline before running it.'
    : !can(role, 'startExecutions') ? 'Viewers cannot start runs.'
    : errors > 0 ? `This pipeline has ${plural(errors, 'error')}; it cannot run until fixed.`
    : dirty ? 'Save your changes first: a run uses the saved pipeline.' : undefined

  if (!loaded) return null
  return (
    <div className="flex flex-col gap-3">
      {!readOnly && <UnsavedChangesGuard />}
      <EditorToolbar
        readOnly={readOnly} saving={save.isPending} onSave={() => void onSave()} message={message} onMessageChange={setMessage}
        status={errors > 0 ? `${status} · has ${plural(errors, 'error')}; it cannot run until fixed` : status}
        run={<>
          {pipeline && <ExplainPipeline pipelineId={pipeline.id} />}
          {can(role, 'startExecutions') ? <RunDialog pipelineId={pipeline?.id ?? ''} pipelineName={pipeline?.name ?? 'pipeline'} disabledReason={runBlocked} /> : null}
        </>}
      />
      {readOnly && <Alert tone="info">You can look at this pipeline but not change it: editing needs the operator role.</Alert>}
      {draft && <DraftNotice draft={draft} currentVersion={pipeline?.version} onRestore={restoreDraft} onDiscard={discardDraft} />}
      {loadError && <Alert tone="danger">The stored graph could not be read: {loadError.join('; ')}</Alert>}
      {!readOnly && <Palette environments={envKeys} />}
      <div className={cn('grid gap-3', side === 'code' ? 'lg:grid-cols-[minmax(0,1fr)_30rem]' : 'lg:grid-cols-[minmax(0,1fr)_20rem]')}>
        <div className="h-[68vh] min-h-96 overflow-hidden rounded-md border bg-muted/20">
          <PipelineCanvas readOnly={readOnly} highlights={highlights} environments={envKeys} renderAll={renderAll} />
        </div>
        <aside className="flex h-[68vh] min-h-96 flex-col gap-3 overflow-y-auto rounded-md border bg-card p-3">
          <div className="flex gap-1" role="group" aria-label="Side panel">
            {(pipeline ? ['node', 'code', 'history'] as const : ['node', 'code'] as const).map((view) => (
              <Button key={view} size="sm" variant={side === view ? 'secondary' : 'ghost'} aria-pressed={side === view} className="h-7 px-2 text-xs" onClick={() => setSide(view)}>
                {view === 'node' ? 'Node and checks' : view === 'code' ? 'Code' : 'History'}
              </Button>
            ))}
          </div>
          {side === 'history' && pipeline ? (
            <VersionHistory
              pipelineId={pipeline.id} readOnly={readOnly} dirty={dirty} loadedVersion={() => version.current}
              onRestored={(saved) => {
                const graph = fromStoredJson(saved.nodes, saved.edges)
                version.current = saved.version
                useEditorStore.getState().load({ name: saved.name, type: saved.type, ...(graph.ok ? graph : { nodes: [], edges: [] }) })
              }}
            />
          ) : side === 'code' ? <Suspense fallback={<LoadingRows rows={6} />}><CodeView readOnly={readOnly} /></Suspense> : (
            <>
              <NodePanel environments={environments} readOnly={readOnly} />
              <hr />
              <IssuesPanel issues={issues} />
            </>
          )}
        </aside>
      </div>
      <p aria-live="polite" className="sr-only">{announcement}</p>
    </div>
  )
}
