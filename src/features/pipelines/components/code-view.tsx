import { useEffect, useMemo, useRef, useState } from 'react'
import { Button } from '../../../components/ui/button.tsx'
import { cn } from '../../../lib/utils.ts'
import { fromCodePipeline, toCodePipeline } from '../lib/graph-convert.ts'
import { toWorkflow } from '../lib/actions-export.ts'
import { fromCode, toCode, type CodeError } from '../lib/pipeline-yaml.ts'
import type { FlowType } from '../lib/shared.ts'
import { useEditorStore } from '../store/editor-store.ts'

const APPLY_AFTER_MS = 400

/**
 * The pipeline as YAML or JSON beside the canvas, kept in sync both ways: a change on the canvas rewrites the
 * code (unless the code has errors the user is fixing), and code that reads cleanly is applied to the canvas
 * a moment after typing stops (one undo step). Problems are listed with their line; clicking one selects it.
 */
export function CodeView({ readOnly }: { readOnly: boolean }) {
  const [format, setFormat] = useState<'yaml' | 'json'>('yaml')
  const name = useEditorStore((s) => s.name)
  const type = useEditorStore((s) => s.type)
  const nodes = useEditorStore((s) => s.nodes)
  const edges = useEditorStore((s) => s.edges)
  const canvas = useMemo(() => toCode(toCodePipeline(name, type, nodes, edges), format), [name, type, nodes, edges, format])
  const [text, setText] = useState(canvas)
  const [errors, setErrors] = useState<CodeError[]>([])
  const area = useRef<HTMLTextAreaElement>(null)
  const gutter = useRef<HTMLDivElement>(null)
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null)
  const escaped = useRef(false)

  // Canvas → code, when the code (read cleanly) says something else; code with errors is left to be fixed.
  useEffect(() => {
    const read = fromCode(text)
    if (read.ok && toCode(read.pipeline, format) !== canvas) { setText(canvas); setErrors([]) }
  }, [canvas]) // eslint-disable-line react-hooks/exhaustive-deps -- only a canvas change rewrites the code
  useEffect(() => () => { if (timer.current) clearTimeout(timer.current) }, [])

  const apply = (value: string) => {
    const read = fromCode(value)
    if (!read.ok) return setErrors(read.errors)
    setErrors([])
    if (toCode(read.pipeline, format) === canvas) return
    const graph = fromCodePipeline(read.pipeline)
    if (!graph.ok) return setErrors(graph.errors.map((message) => ({ line: 1, message })))
    const store = useEditorStore.getState()
    if (read.pipeline.name !== store.name) store.setName(read.pipeline.name)
    if (read.pipeline.type !== store.type) store.setType(read.pipeline.type as FlowType)
    store.replaceGraph(graph.nodes, graph.edges, `Applied the code: ${graph.nodes.length} nodes, ${graph.edges.length} connections`)
  }
  const onChange = (value: string) => {
    setText(value)
    if (timer.current) clearTimeout(timer.current)
    timer.current = setTimeout(() => apply(value), APPLY_AFTER_MS)
  }
  const switchTo = (next: 'yaml' | 'json') => {
    if (next === format) return
    setFormat(next)
    setText(toCode(toCodePipeline(name, type, nodes, edges), next))
    setErrors([])
  }
  const goToLine = (line: number) => {
    const el = area.current
    if (!el) return
    const lines = el.value.split('\n')
    const start = lines.slice(0, line - 1).reduce((n, l) => n + l.length + 1, 0)
    el.focus()
    el.setSelectionRange(start, start + (lines[line - 1]?.length ?? 0))
    el.scrollTop = Math.max(0, (line - 4) * 18)
  }
  const exportWorkflow = () => {
    const workflow = toWorkflow(toCodePipeline(name, type, nodes, edges))
    const url = URL.createObjectURL(new Blob([workflow], { type: 'text/yaml' }))
    const file = `${(name || 'pipeline').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'pipeline'}.yml`
    Object.assign(document.createElement('a'), { href: url, download: file }).click()
    setTimeout(() => URL.revokeObjectURL(url), 10_000)
  }
  const lineCount = text.split('\n').length

  return (
    <section className="flex min-h-0 flex-1 flex-col gap-2" aria-label="Pipeline code" data-testid="code-view">
      <div className="flex items-center gap-1" role="group" aria-label="Code format">
        {(['yaml', 'json'] as const).map((f) => (
          <Button key={f} size="sm" variant={format === f ? 'secondary' : 'ghost'} aria-pressed={format === f} className="h-7 px-2 text-xs uppercase" onClick={() => switchTo(f)}>{f}</Button>
        ))}
        <Button size="sm" variant="ghost" className="h-7 px-2 text-xs" title="A GitHub Actions workflow skeleton with one job per stage" onClick={() => exportWorkflow()}>Export workflow</Button>
        <span className={cn('ml-auto text-[11px]', errors.length > 0 ? 'text-destructive' : 'text-muted-foreground')} aria-live="polite" data-testid="code-status">
          {errors.length > 0 ? `${errors.length} ${errors.length === 1 ? 'problem' : 'problems'}: the canvas keeps its last good version` : readOnly ? 'Read only' : 'In sync with the canvas'}
        </span>
      </div>
      <div className="relative flex min-h-0 flex-1 overflow-hidden rounded-md border bg-background font-mono text-xs leading-[18px]">
        <div ref={gutter} aria-hidden className="overflow-hidden border-r bg-muted/40 px-2 py-2 text-right text-muted-foreground select-none">
          {Array.from({ length: lineCount }, (_, i) => (
            <div key={i} className={cn(errors.some((e) => e.line === i + 1) && 'font-semibold text-destructive')}>{i + 1}</div>
          ))}
        </div>
        <textarea
          ref={area} value={text} readOnly={readOnly} spellCheck={false} wrap="off"
          aria-label={`Pipeline as ${format.toUpperCase()}`} aria-invalid={errors.length > 0}
          className="min-h-0 flex-1 resize-none bg-transparent px-2 py-2 outline-none"
          onChange={(e) => onChange(e.target.value)}
          onScroll={(e) => { if (gutter.current) gutter.current.scrollTop = e.currentTarget.scrollTop }}
          onKeyDown={(e) => {
            // Tab indents (two spaces) instead of leaving the editor; Escape then Tab still moves focus on.
            if (e.key === 'Escape') { escaped.current = true; return }
            const wasEscaped = escaped.current
            escaped.current = false
            if (e.key !== 'Tab' || e.shiftKey || readOnly || wasEscaped) return
            e.preventDefault()
            const el = e.currentTarget
            const { selectionStart: at, selectionEnd: end } = el
            onChange(`${el.value.slice(0, at)}  ${el.value.slice(end)}`)
            requestAnimationFrame(() => el.setSelectionRange(at + 2, at + 2))
          }}
        />
      </div>
      {errors.length > 0 && (
        <ul className="max-h-32 overflow-auto text-xs" data-testid="code-errors">
          {errors.map((e, i) => (
            <li key={i}>
              <button type="button" className="text-left text-destructive hover:underline" onClick={() => goToLine(e.line)}>Line {e.line}: {e.message}</button>
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}
