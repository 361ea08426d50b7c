import { zodResolver } from '@hookform/resolvers/zod'
import { KeyRound } from 'lucide-react'
import { useForm } from 'react-hook-form'
import { FormField } from '../../../components/form-field.tsx'
import { ErrorState, LoadingRows } from '../../../components/states.tsx'
import { Alert } from '../../../components/ui/alert.tsx'
import { Badge } from '../../../components/ui/badge.tsx'
import { Button } from '../../../components/ui/button.tsx'
import { Card, CardContent } from '../../../components/ui/card.tsx'
import { Input } from '../../../components/ui/input.tsx'
import { timeAgo } from '../../../lib/format.ts'
import { useOrgToken } from '../api/org-token.ts'
import { tokenInput, useSaveOrgToken, type TokenInput } from '../api/save-org-token.ts'
import { CheckConnection } from './check-connection.tsx'
import { SectionHeading } from './section-heading.tsx'

/** docs/github.md step 3: the organization's GitHub token (never shown), saved by admins, checked by anyone. */
export function TokenSection({ orgId, orgName, canManage, repositories }: { orgId: string; orgName: string; canManage: boolean; repositories: string[] }) {
  const token = useOrgToken(orgId)
  return (
    <section aria-labelledby="token-heading" className="flex flex-col gap-3">
      <SectionHeading id="token-heading" title="GitHub token" step="Step 3"
        description={`One token for ${orgName}: the UI reads repositories and runs with it, and GitHub workflow steps dispatch with it.`} />
      <Card>
        <CardContent className="flex flex-col gap-4 pt-4">
          {token.isPending ? <LoadingRows rows={1} />
            : token.isError ? <ErrorState error={token.error} onRetry={() => void token.refetch()} />
            : token.data ? (
              <div className="flex flex-wrap items-center gap-2 text-sm" data-testid="token-state">
                <KeyRound className="size-4 text-muted-foreground" aria-hidden />
                <span>Token ending in <code className="font-mono">{token.data.token_hint ?? '????'}</code></span>
                {token.data.scopes.length > 0
                  ? token.data.scopes.map((s) => <Badge key={s}>{s}</Badge>)
                  : <span className="text-xs text-muted-foreground">(no scopes header: a fine-grained token)</span>}
                <span className="text-xs text-muted-foreground">saved {timeAgo(token.data.updated_at)}</span>
              </div>
            ) : (
              <p className="text-sm text-muted-foreground" data-testid="token-state">No token saved yet.{canManage ? '' : ' An organization admin saves one here.'}</p>
            )}
          {canManage && <SaveTokenForm orgId={orgId} replacing={Boolean(token.data)} />}
          {token.data && <CheckConnection orgId={orgId} repositories={repositories} />}
        </CardContent>
      </Card>
    </section>
  )
}

function SaveTokenForm({ orgId, replacing }: { orgId: string; replacing: boolean }) {
  const save = useSaveOrgToken(orgId)
  const { register, handleSubmit, reset, formState: { errors, isSubmitting } } = useForm<TokenInput>({
    resolver: zodResolver(tokenInput), defaultValues: { token: '' },
  })
  const submit = handleSubmit(async (values) => {
    await save.mutateAsync(values).then(() => reset({ token: '' }), () => undefined)
  })
  return (
    <form onSubmit={submit} className="flex flex-col gap-2">
      <FormField label={replacing ? 'Replace the token' : 'Personal access token'}
        hint="Classic: scopes repo and workflow. Fine-grained: Metadata, Contents and Deployments read, Actions read and write. GitHub checks it before it is saved."
        error={errors.token?.message}>
        <Input type="password" autoComplete="off" placeholder="ghp_… or github_pat_…" {...register('token')} />
      </FormField>
      <div><Button type="submit" disabled={isSubmitting}>{isSubmitting ? 'Checking with GitHub…' : replacing ? 'Replace token' : 'Save token'}</Button></div>
      {save.isError && <Alert tone="danger">{save.error.message}</Alert>}
      {save.isSuccess && <Alert tone="success">Saved: GitHub accepted the token ending in {save.data.token_hint}.</Alert>}
    </form>
  )
}
