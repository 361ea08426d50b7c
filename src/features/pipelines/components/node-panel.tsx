import { Trash2 } from 'lucide-react'
import { useShallow } from 'zustand/react/shallow'
import { Badge } from '../../../components/ui/badge.tsx'
import { Button } from '../../../components/ui/button.tsx'
import { isWorkKind, kindLabel } from '../lib/config-fields.ts'
import type { KindFlowNode } from '../lib/flow-types.ts'
import { isNodeKind } from '../lib/shared.ts'
import { useEditorStore } from '../store/editor-store.ts'
import { ConfigForm } from './config-form.tsx'
import { ConnectSelect } from './connect-select.tsx'

/** The side panel: the selected node's settings, connections and delete; or a hint when nothing is selected. */
export function NodePanel({ environments, readOnly }: { environments: readonly { key: string; display_name: string }[]; readOnly: boolean }) {
  const selected = useEditorStore(useShallow((s) => s.nodes.filter((n) => n.selected)))
  const epoch = useEditorStore((s) => s.epoch)
  const deleteNodes = useEditorStore((s) => s.deleteNodes)
  if (selected.length !== 1) {
    return (
      <p className="text-sm text-muted-foreground">
        {selected.length > 1 ? `${selected.length} nodes selected.` : 'Select a node to see its settings.'}
        {!readOnly && ' Add stages from the palette: a click adds one after the selected node and connects it.'}
      </p>
    )
  }
  const node = selected[0]!
  return (
    <section aria-label="Node settings" className="flex flex-col gap-4">
      <div className="flex items-center justify-between gap-2">
        <h2 className="text-sm font-semibold">{kindLabel(node.data.kind)}</h2>
        {isWorkKind(node.data.kind) && (
          <Badge tone="accent" data-testid="executor-label">
            {(node.data.config as { executor?: { type?: string } }).executor?.type === 'github_workflow' ? 'GitHub Actions' : 'simulated executor'}
          </Badge>
        )}
      </div>
      {isNodeKind(node.data.kind) ? (
        <ConfigForm key={`${node.id}:${epoch}`} node={node as KindFlowNode} environments={environments} readOnly={readOnly} />
      ) : (
        <p className="text-sm text-destructive">
          The builder does not know the kind "{node.data.kind}". Replace this node with one from the palette.
        </p>
      )}
      <ConnectSelect node={node} readOnly={readOnly} />
      {!readOnly && (
        // Not a confirm dialog: deleting is undoable (Undo, Ctrl+Z) and nothing is saved until you save.
        <Button variant="outline" size="sm" onClick={() => deleteNodes([node.id])}>
          <Trash2 /> Delete node
        </Button>
      )}
    </section>
  )
}
