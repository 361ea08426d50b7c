import { Panel, useReactFlow } from '@xyflow/react'
import { Search } from 'lucide-react'
import { useState } from 'react'
import { Input } from '../../../components/ui/input.tsx'
import { matchNodes } from '../lib/find-nodes.ts'
import { useEditorStore } from '../store/editor-store.ts'

/** "Find a node": Enter selects the next node matching the text and centres the canvas on it. */
export function FindNode() {
  const [text, setText] = useState('')
  const [at, setAt] = useState<{ index: number; total: number } | null>(null)
  const { getInternalNode, setCenter, getZoom } = useReactFlow()

  const find = (step: 1 | -1) => {
    const matches = matchNodes(useEditorStore.getState().nodes, text)
    if (matches.length === 0) return setAt({ index: -1, total: 0 })
    const index = at && at.total === matches.length ? (at.index + step + matches.length) % matches.length : step === 1 ? 0 : matches.length - 1
    const id = matches[index]
    useEditorStore.getState().select([id])
    const node = getInternalNode(id)
    if (node) {
      const { x, y } = node.internals.positionAbsolute
      void setCenter(x + (node.measured.width ?? 200) / 2, y + (node.measured.height ?? 60) / 2, { zoom: Math.max(getZoom(), 1), duration: 200 })
    }
    setAt({ index, total: matches.length })
  }

  return (
    <Panel position="top-left" className="flex items-center gap-2 rounded-md border bg-card/95 px-2 py-1 shadow-sm">
      <Search className="size-3.5 text-muted-foreground" aria-hidden />
      <Input
        type="search" aria-label="Find a node" placeholder="Find a node" value={text} className="h-7 w-40 text-xs"
        onChange={(e) => { setText(e.target.value); setAt(null) }}
        onKeyDown={(e) => { if (e.key === 'Enter') { e.preventDefault(); find(e.shiftKey ? -1 : 1) } }}
      />
      <span className="min-w-16 text-xs text-muted-foreground" aria-live="polite" data-testid="find-node-status">
        {at === null ? '' : at.total === 0 ? 'No match' : `${at.index + 1} of ${at.total}`}
      </span>
    </Panel>
  )
}
