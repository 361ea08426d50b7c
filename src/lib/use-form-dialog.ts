import { useState } from 'react'
import type { DefaultValues, FieldValues, UseFormReturn } from 'react-hook-form'

/**
 * A form in a dialog: opening resets it to `initial()`, submitting saves and closes, and a refusal from the
 * server stays on screen (the dialog stays open) until the next try.
 */
export function useFormDialog<T extends FieldValues>(form: UseFormReturn<T>, initial: () => DefaultValues<T>, save: (values: T) => Promise<unknown>) {
  const [open, setOpen] = useState(false)
  const [refusal, setRefusal] = useState<string | null>(null)
  const change = (next: boolean) => {
    setOpen(next)
    setRefusal(null)
    if (next) form.reset(initial())
  }
  const submit = form.handleSubmit(async (values) => {
    setRefusal(null)
    try {
      await save(values)
      change(false)
    } catch (e) {
      setRefusal((e as Error).message)
    }
  })
  return { open, change, submit, refusal }
}
