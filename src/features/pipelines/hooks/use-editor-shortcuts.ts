import { useEffect, useRef } from 'react'
import { useEditorStore } from '../store/editor-store.ts'

const typing = (target: EventTarget | null) =>
  target instanceof HTMLElement && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName))

/**
 * Ctrl/Cmd+S saves (even from a field). Outside fields, where the browser's own editing applies: Ctrl/Cmd+Z undoes,
 * Ctrl/Cmd+Shift+Z and Ctrl+Y redo, Ctrl/Cmd+C copies the selected nodes and Ctrl/Cmd+V pastes them.
 */
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
      } else if (typing(event.target)) {
        return
      } else if (key === 'z' && !event.shiftKey) {
        event.preventDefault()
        useEditorStore.getState().undo()
      } else if ((key === 'z' && event.shiftKey) || key === 'y') {
        event.preventDefault()
        useEditorStore.getState().redo()
      } else if (key === 'c' && !event.shiftKey && !window.getSelection()?.toString()) {
        if (useEditorStore.getState().copySelection() > 0) event.preventDefault()
      } else if (key === 'v' && !event.shiftKey) {
        if (useEditorStore.getState().paste() > 0) event.preventDefault()
      }
    }
    window.addEventListener('keydown', onKeyDown)
    return () => window.removeEventListener('keydown', onKeyDown)
  }, [enabled])
}
