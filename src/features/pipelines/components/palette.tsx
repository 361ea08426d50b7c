import { kindMeta } from '../lib/kind-meta.ts'
import { flowPalette, type NodeKind } from '../lib/shared.ts'
import { useEditorStore } from '../store/editor-store.ts'
import { PALETTE_MIME } from './pipeline-canvas.tsx'

/**
 * The pipeline's flow type's stages, then the kinds every type shares: drag one onto the canvas, or click (Enter)
 * to add it after the selected node. Changing the pipeline's type changes the palette.
 */
export function Palette({ environments }: { environments: readonly string[] }) {
  const addNode = useEditorStore((s) => s.addNode)
  const type = useEditorStore((s) => s.type)
  return (
    <div role="toolbar" aria-label="Stage palette" data-flow-type={type} className="flex flex-wrap gap-1.5">
      {flowPalette(type).map((kind: NodeKind) => {
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
