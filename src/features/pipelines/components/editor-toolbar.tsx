import { Redo2, Save, Undo2 } from 'lucide-react'
import { Button } from '../../../components/ui/button.tsx'
import { Input, NativeSelect } from '../../../components/ui/input.tsx'
import { Constants } from '../../../integrations/supabase/types.ts'
import { FLOW_TYPE_LABELS } from '../lib/shared.ts'
import { useEditorStore } from '../store/editor-store.ts'

const TYPE_LABELS = FLOW_TYPE_LABELS satisfies Record<(typeof Constants.public.Enums.flow_type)[number], string>

/** Name, type, undo, save (with an optional message for the version it makes) and the save status; Run is passed in. */
export function EditorToolbar({ readOnly, saving, onSave, status, run, message, onMessageChange }: {
  readOnly: boolean; saving: boolean; onSave: () => void; status: string; run: React.ReactNode; message: string; onMessageChange: (message: string) => void
}) {
  const name = useEditorStore((s) => s.name)
  const type = useEditorStore((s) => s.type)
  const canUndo = useEditorStore((s) => s.past.length > 0)
  const canRedo = useEditorStore((s) => s.future.length > 0)
  const { setName, setType, undo, redo } = useEditorStore.getState()
  return (
    <div className="flex flex-wrap items-center gap-2">
      <Input
        aria-label="Pipeline name" placeholder="Pipeline name" value={name} readOnly={readOnly} autoFocus={!readOnly && name === ''}
        onChange={(e) => setName(e.target.value)} className="h-9 max-w-xs font-medium"
      />
      <NativeSelect aria-label="Pipeline type" value={type} disabled={readOnly} onChange={(e) => setType(e.target.value as typeof type)} className="w-40">
        {Constants.public.Enums.flow_type.map((t) => <option key={t} value={t}>{TYPE_LABELS[t]}</option>)}
      </NativeSelect>
      <p className="min-w-28 flex-1 truncate text-xs text-muted-foreground" data-testid="save-status" aria-live="polite">{status}</p>
      {!readOnly && (
        <>
          <Button variant="outline" size="sm" onClick={undo} disabled={!canUndo} title="Undo (Ctrl+Z)"><Undo2 /> Undo</Button>
          <Button variant="outline" size="sm" onClick={redo} disabled={!canRedo} title="Redo (Ctrl+Shift+Z or Ctrl+Y)"><Redo2 /> Redo</Button>
          <Input
            aria-label="Save message (optional)" placeholder="What changed? (optional)" value={message} maxLength={500}
            onChange={(e) => onMessageChange(e.target.value)} onKeyDown={(e) => { if (e.key === 'Enter') onSave() }} className="h-9 w-44"
          />
          <Button variant="outline" onClick={onSave} disabled={saving} title="Save (Ctrl+S)"><Save /> {saving ? 'Saving…' : 'Save pipeline'}</Button>
        </>
      )}
      {run}
    </div>
  )
}
