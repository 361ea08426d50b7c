import { X } from 'lucide-react'
import { useId } from 'react'
import { Button } from '../../../components/ui/button.tsx'
import { Label } from '../../../components/ui/label.tsx'
import { NativeSelect } from '../../../components/ui/input.tsx'
import { kindLabel } from '../lib/config-fields.ts'
import type { FlowNode } from '../lib/flow-types.ts'
import { isNodeKind, mayFollow } from '../lib/shared.ts'
import { useEditorStore } from '../store/editor-store.ts'

/** Connections without dragging handles: pick what runs next, see and remove the outgoing ones. */
export function ConnectSelect({ node, readOnly }: { node: FlowNode; readOnly: boolean }) {
  const id = useId()
  const nodes = useEditorStore((s) => s.nodes)
  const edges = useEditorStore((s) => s.edges)
  const connect = useEditorStore((s) => s.connect)
  const deleteEdge = useEditorStore((s) => s.deleteEdge)
  const outgoing = edges.filter((e) => e.source === node.id)
  const linked = new Set(outgoing.map((e) => e.target))
  const allowed = (target: FlowNode) => isNodeKind(node.data.kind) && isNodeKind(target.data.kind) && mayFollow(node.data.kind, target.data.kind)
  const candidates = nodes.length > 500 ? [] : nodes.filter((n) => n.id !== node.id && !linked.has(n.id))
  const name = (target: string) => nodes.find((n) => n.id === target)?.data.label ?? target

  return (
    <div className="flex flex-col gap-2">
      {!readOnly && candidates.length > 0 && (
        <div className="flex flex-col gap-1.5">
          <Label htmlFor={id}>Connect to…</Label>
          <NativeSelect id={id} value="" onChange={(e) => e.target.value && connect(node.id, e.target.value)}>
            <option value="">Choose the next node</option>
            {candidates.map((n) => (
              <option key={n.id} value={n.id}>
                {n.data.label} ({kindLabel(n.data.kind)}){allowed(n) ? '' : ' — not allowed after this kind'}
              </option>
            ))}
          </NativeSelect>
        </div>
      )}
      {outgoing.length > 0 && (
        <ul aria-label="Runs next" className="flex flex-col gap-1 text-sm">
          {outgoing.map((e) => (
            <li key={e.id} className="flex items-center justify-between gap-2 rounded border px-2 py-1">
              <span className="truncate">→ {name(e.target)}{e.data?.on && e.data.on !== 'success' ? ` (on ${e.data.on})` : ''}</span>
              {!readOnly && (
                <Button size="icon" variant="ghost" className="size-6" aria-label={`Remove connection to ${name(e.target)}`} onClick={() => deleteEdge(e.id)}>
                  <X />
                </Button>
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  )
}
