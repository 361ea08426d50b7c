import { useEffect } from 'react'
import { useBlocker } from 'react-router'
import { Button } from '../../../components/ui/button.tsx'
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from '../../../components/ui/dialog.tsx'
import { useEditorStore } from '../store/editor-store.ts'

/** Asks before leaving the editor with unsaved changes (in-app navigation and closing the tab). */
export function UnsavedChangesGuard() {
  // Read the store at navigation time: saving a new pipeline marks it clean and navigates in the same tick.
  const blocker = useBlocker(({ currentLocation, nextLocation }) =>
    useEditorStore.getState().dirty && currentLocation.pathname !== nextLocation.pathname)
  useEffect(() => {
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      if (useEditorStore.getState().dirty) event.preventDefault()
    }
    window.addEventListener('beforeunload', onBeforeUnload)
    return () => window.removeEventListener('beforeunload', onBeforeUnload)
  }, [])
  return (
    <Dialog open={blocker.state === 'blocked'} onOpenChange={(open) => { if (!open) blocker.reset?.() }}>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>Leave without saving?</DialogTitle>
          <DialogDescription>Your changes to this pipeline are not saved. Leaving discards them.</DialogDescription>
        </DialogHeader>
        <DialogFooter>
          <Button variant="outline" onClick={() => blocker.reset?.()}>Stay</Button>
          {/* Marked clean first, so the autosaved draft of these changes is dropped too (use-autosaved-draft.ts). */}
          <Button variant="destructive" onClick={() => { useEditorStore.getState().markSaved(); blocker.proceed?.() }}>Discard changes</Button>
        </DialogFooter>
      </DialogContent>
    </Dialog>
  )
}
