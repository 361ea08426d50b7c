import { useState, type FormEvent } from 'react'
import { Alert } from '../../../components/ui/alert.tsx'
import { Button } from '../../../components/ui/button.tsx'
import { Input } from '../../../components/ui/input.tsx'
import { useWorkspace } from '../../../lib/workspace.ts'
import { useCreateOrganization } from '../api/create-organization.ts'
import { organizationErrors, type FormErrors, type OrganizationForm } from '../lib/onboarding.ts'
import { slugify } from '../lib/slug.ts'
import { Field } from './field.tsx'

/** The create-organization form: name, a slug derived from it until edited, and the database's refusal. */
export function CreateOrganizationForm() {
  const { user, setOrganization } = useWorkspace()
  const create = useCreateOrganization(user.id)
  const [values, setValues] = useState<OrganizationForm>({ name: '', slug: '' })
  const [slugEdited, setSlugEdited] = useState(false)
  const [errors, setErrors] = useState<FormErrors<OrganizationForm> | null>(null)
  const [refusal, setRefusal] = useState<string | null>(null)
  const update = (next: OrganizationForm) => {
    setValues(next)
    if (errors) setErrors(organizationErrors(next))
  }
  const submit = async (event: FormEvent) => {
    event.preventDefault()
    const found = organizationErrors(values)
    setErrors(found)
    setRefusal(null)
    if (Object.keys(found).length) return
    try {
      setOrganization((await create.mutateAsync(values)).id)
    } catch (e) {
      setRefusal((e as Error).message)
    }
  }
  return (
    <form className="flex flex-col gap-4" onSubmit={(e) => void submit(e)} noValidate aria-label="Create an organization">
      <Field label="Organization name" error={errors?.name}>
        <Input autoComplete="organization" placeholder="e.g. Initech" value={values.name}
          onChange={(e) => update({ name: e.target.value, slug: slugEdited ? values.slug : slugify(e.target.value) })} />
      </Field>
      <Field label="Slug" error={errors?.slug} hint="Its short name in addresses: lowercase letters, digits and dashes, unique.">
        <Input autoComplete="off" spellCheck={false} placeholder="initech" value={values.slug}
          onChange={(e) => { setSlugEdited(true); update({ ...values, slug: e.target.value }) }} />
      </Field>
      {refusal && <Alert tone="danger">{refusal}</Alert>}
      <Button type="submit" disabled={create.isPending}>{create.isPending ? 'Creating…' : 'Create organization'}</Button>
    </form>
  )
}
