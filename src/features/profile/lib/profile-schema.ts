import { z } from 'zod'
import { MODES, type Mode } from '../../../lib/modes.ts'

export const profileSchema = z.object({
  fullName: z.string().trim().min(1, 'Enter your name').max(80, 'At most 80 characters'),
})
export type ProfileForm = z.infer<typeof profileSchema>

/** The default-mode choices: '' is "follow my role" (stored as null). */
export const defaultModeChoice = z.union([z.literal(''), z.enum(MODES)])
export type DefaultModeChoice = z.infer<typeof defaultModeChoice>

export function toStoredMode(choice: DefaultModeChoice): Mode | null {
  return choice === '' ? null : choice
}

export function fromStoredMode(stored: string | null | undefined): DefaultModeChoice {
  const parsed = defaultModeChoice.safeParse(stored ?? '')
  return parsed.success ? parsed.data : ''
}
