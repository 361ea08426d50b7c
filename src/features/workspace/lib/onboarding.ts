import { SLUG_MAX, SLUG_PATTERN } from './slug.ts'

// Plain checks and plain React state rather than zod and react-hook-form: these two forms load from the app
// shell, and with those libraries in them the build split react-query into extra chunks of the first route
// (+1 KB gzip measured with bench/bundle.ts, against a 200 KB budget).

export interface OrganizationForm {
  name: string
  slug: string
}

export interface ProjectForm {
  name: string
  description: string
}

export type FormErrors<T> = Partial<Record<keyof T, string>>

/** The first problem with each field of the create-organization form, if any (values are trimmed first). */
export function organizationErrors({ name, slug }: OrganizationForm): FormErrors<OrganizationForm> {
  const errors: FormErrors<OrganizationForm> = {}
  const n = name.trim()
  const s = slug.trim()
  if (!n) errors.name = 'Give the organization a name'
  else if (n.length > 80) errors.name = 'At most 80 characters'
  if (!s) errors.slug = 'Give it a slug: lowercase letters, digits and dashes'
  else if (s.length > SLUG_MAX) errors.slug = `At most ${SLUG_MAX} characters`
  else if (!SLUG_PATTERN.test(s)) errors.slug = 'Lowercase letters, digits and dashes only, starting with a letter or digit'
  return errors
}

/** The first problem with each field of the create-project form, if any. */
export function projectErrors({ name, description }: ProjectForm): FormErrors<ProjectForm> {
  const errors: FormErrors<ProjectForm> = {}
  const n = name.trim()
  if (!n) errors.name = 'Give the project a name'
  else if (n.length > 80) errors.name = 'At most 80 characters'
  if (description.trim().length > 500) errors.description = 'At most 500 characters'
  return errors
}

/** What PostgREST hands back when a write is refused. */
export interface Refusal {
  code?: string | null
  message?: string | null
}

/** Why creating an organization was refused, as a sentence (the slug is unique across the installation). */
export function organizationRefusal(error: Refusal, slug: string): string {
  if (error.code === '23505') return `The slug “${slug}” is taken by another organization; pick another.`
  if (error.code === '23514') return 'A slug is lowercase letters, digits and dashes, starting with a letter or digit.'
  if (error.code === '42501') return 'The database refused to create the organization: you can only create organizations you own.'
  return `Could not create the organization: ${error.message ?? 'unknown error'}`
}

/** Why creating a project was refused, as a sentence. */
export function projectRefusal(error: Refusal, name: string): string {
  if (error.code === '23505') return `A project named “${name}” already exists in this organization; pick another name.`
  if (error.code === '42501') return 'Only organization admins can create projects.'
  return `Could not create the project: ${error.message ?? 'unknown error'}`
}
