import { useEffect, useRef } from 'react'
import { useEditorStore } from '../store/editor-store.ts'

const typing = (target: EventTarget | null) =>
  target instanceof HTMLElement && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName))

/** Ctrl/Cmd+S saves (even from a field); Ctrl/Cmd+Z undoes outside fields, where the browser's own undo applies. */
export function useEditorShortcuts(onSave: () => void, enabled: boolean) {
  const save = useRef(onSave)
  save.current = onSave
  useEffect(() => {
    if (!enabled) return
    const onKeyDown = (event: KeyboardEvent) => {
      if (!(event.ctrlKey || event.metaKey) || event.altKey) return
      const key = event.key.toLowerCase()
      if (key === 's') {
        event.preventDefault()
        save.current()
      } else if (key === 'z' && !event.shiftKey && !typing(event.target)) {
        event.preventDefault()
        useEditorStore.getState().undo()
      }
    }
    window.addEventListener('keydown', onKeyDown)
    return () => window.removeEventListener('keydown', onKeyDown)
  }, [enabled])
}
