import { zodResolver } from '@hookform/resolvers/zod'
import { useForm } from 'react-hook-form'
import { FormField } from '../../../components/form-field.tsx'
import { Button } from '../../../components/ui/button.tsx'
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '../../../components/ui/card.tsx'
import { Input } from '../../../components/ui/input.tsx'
import { toast } from '../../../components/ui/toaster.tsx'
import { useUpdateProfile } from '../api/update-profile.ts'
import { profileSchema, type ProfileForm } from '../lib/profile-schema.ts'

/** Name (editable) and email (the sign-in identity, shown only). */
export function ProfileDetails({ userId, email, fullName }: { userId: string; email: string; fullName: string }) {
  const update = useUpdateProfile(userId)
  const { register, handleSubmit, reset, formState: { errors, isDirty } } = useForm<ProfileForm>({
    resolver: zodResolver(profileSchema),
    values: { fullName },
  })
  const onSubmit = handleSubmit(async (values) => {
    try {
      await update.mutateAsync(values)
      reset(values)
      toast({ title: 'Name saved', tone: 'success' })
    } catch (error) {
      toast({ title: 'Could not save your name', description: (error as Error).message, tone: 'danger' })
    }
  })
  return (
    <Card aria-labelledby="profile-details-title">
      <CardHeader>
        <div>
          <CardTitle id="profile-details-title">Details</CardTitle>
          <CardDescription>Your name is what teammates see on runs, votes and deployments.</CardDescription>
        </div>
      </CardHeader>
      <CardContent>
        <form onSubmit={onSubmit} className="flex flex-col gap-4" noValidate>
          <FormField label="Full name" error={errors.fullName?.message}>
            <Input autoComplete="name" {...register('fullName')} />
          </FormField>
          <FormField label="Email" hint="You sign in with this address.">
            <Input value={email} readOnly disabled data-testid="profile-email" />
          </FormField>
          <div>
            <Button type="submit" disabled={!isDirty || update.isPending}>{update.isPending ? 'Saving…' : 'Save name'}</Button>
          </div>
        </form>
      </CardContent>
    </Card>
  )
}
