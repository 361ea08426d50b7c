import { Button } from '../../../components/ui/button.tsx'

/** The footer of a step: skip it, or go on with what was done. */
export function StepActions({ onSkip, onContinue, continueLabel = 'Continue', busy = false, canContinue = true }: {
  onSkip?: () => void
  onContinue: () => void
  continueLabel?: string
  busy?: boolean
  canContinue?: boolean
}) {
  return (
    <div className="flex flex-wrap justify-end gap-2 border-t pt-4">
      {onSkip && <Button type="button" variant="ghost" onClick={onSkip} disabled={busy}>Skip this step</Button>}
      <Button type="button" onClick={onContinue} disabled={busy || !canContinue}>{busy ? 'Working…' : continueLabel}</Button>
    </div>
  )
}
