import { kindMeta } from '../lib/kind-meta.ts'
import { NODE_KINDS, type NodeKind } from '../lib/shared.ts'
import { useEditorStore } from '../store/editor-store.ts'
import { PALETTE_MIME } from './pipeline-canvas.tsx'

/** Stage kinds: drag one onto the canvas, or click (Enter) to add it after the selected node. */
export function Palette({ environments }: { environments: readonly string[] }) {
  const addNode = useEditorStore((s) => s.addNode)
  return (
    <div role="toolbar" aria-label="Stage palette" className="flex flex-wrap gap-1.5">
      {NODE_KINDS.map((kind: NodeKind) => {
        const meta = kindMeta[kind]
        return (
          <button
            key={kind} type="button" draggable
            aria-label={`Add ${meta.label}`} title={`${meta.description}. Click to add after the selected node, or drag onto the canvas.`}
            onClick={() => addNode(kind, { environments })}
            onDragStart={(e) => { e.dataTransfer.setData(PALETTE_MIME, kind); e.dataTransfer.effectAllowed = 'move' }}
            className="inline-flex cursor-grab items-center gap-1.5 rounded-md border bg-card px-2 py-1 text-xs font-medium hover:bg-accent focus-visible:ring-2 focus-visible:ring-ring focus-visible:outline-none"
          >
            <meta.icon className={`size-3.5 ${meta.accent.split(' ')[0]}`} aria-hidden />
            {meta.label}
          </button>
        )
      })}
    </div>
  )
}
