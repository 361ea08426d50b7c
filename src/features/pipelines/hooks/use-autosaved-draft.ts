import { useEffect } from 'react'
import { toStoredJson } from '../lib/graph-convert.ts'
import { clearDraft, writeDraft } from '../lib/drafts.ts'
import { useEditorStore } from '../store/editor-store.ts'

const WRITE_AFTER_MS = 800

/** Writes the editor's unsaved edits to this browser's draft a moment after each change; a save clears it. */
export function useAutosavedDraft(scope: string, baseVersion: () => number | undefined, enabled: boolean): void {
  useEffect(() => {
    if (!enabled) return
    let timer: ReturnType<typeof setTimeout> | undefined
    const unsubscribe = useEditorStore.subscribe((state, previous) => {
      if (!state.dirty) {
        if (previous.dirty) { clearTimeout(timer); clearDraft(scope) }
        return
      }
      if (state.nodes === previous.nodes && state.edges === previous.edges && state.name === previous.name && state.type === previous.type) return
      clearTimeout(timer)
      timer = setTimeout(() => {
        const { dirty, name, type, nodes, edges } = useEditorStore.getState()
        if (!dirty) return
        const stored = toStoredJson(nodes, edges)
        writeDraft(scope, { baseVersion: baseVersion() ?? null, savedAt: new Date().toISOString(), name, type, nodes: stored.nodes, edges: stored.edges })
      }, WRITE_AFTER_MS)
    })
    return () => { unsubscribe(); clearTimeout(timer) }
  }, [scope, enabled, baseVersion])
}
