import { useQuery } from '@tanstack/react-query'
import { Check, Minus } from 'lucide-react'
import { ErrorState, LoadingRows } from '../../../components/states.tsx'
import { queryKeys } from '../../../lib/query-keys.ts'
import { supabase } from '../../../lib/supabase.ts'
import { getOrgToken } from '../../settings/api/org-token.ts'
import { STEP_LABELS, type OnboardingState, type Step } from '../lib/onboarding.ts'
import { StepActions } from './step-actions.tsx'

/** Step 4: what the organization now has, read back from the database, and what was skipped. */
export function ReviewStep({ orgId, state, onFinish, busy }: { orgId: string; state: OnboardingState; onFinish: () => void; busy: boolean }) {
  const summary = useQuery({
    queryKey: queryKeys.onboarding.review(orgId, state.projectId),
    queryFn: async () => {
      const [token, project, environments, invitations] = await Promise.all([
        getOrgToken(orgId),
        state.projectId ? supabase.from('projects').select('name, language, build_tool, github_repo_url').eq('id', state.projectId).maybeSingle() : null,
        state.projectId ? supabase.from('environments').select('key, required_approvals').eq('project_id', state.projectId).order('position') : null,
        supabase.from('organization_invitations').select('email, role').eq('organization_id', orgId).is('accepted_at', null),
      ])
      for (const r of [project, environments, invitations]) if (r?.error) throw r.error
      return { token, project: project?.data ?? null, environments: environments?.data ?? [], invitations: invitations.data ?? [] }
    },
  })
  if (summary.isPending) return <LoadingRows rows={4} />
  if (summary.isError) return <ErrorState error={summary.error} onRetry={() => void summary.refetch()} />
  const { token, project, environments, invitations } = summary.data
  const line = (step: Step, text: string) => (
    <li key={step} className="flex items-start gap-2 text-sm">
      {state.done.includes(step) ? <Check className="mt-0.5 size-4 text-success" aria-label="done" /> : <Minus className="mt-0.5 size-4 text-muted-foreground" aria-label="skipped" />}
      <span><span className="font-medium">{STEP_LABELS[step]}:</span> {text}</span>
    </li>
  )
  return (
    <div className="flex flex-col gap-4">
      <ul className="flex flex-col gap-2" aria-label="Setup summary">
        {line('github', [
          token ? `connected (token ending in ${token.token_hint})` : 'not connected',
          project ? `project ${project.name}${project.language ? ` (${project.language}${project.build_tool ? `, ${project.build_tool}` : ''})` : ''}` : 'no project yet',
        ].join('; '))}
        {line('environments', environments.length
          ? environments.map((e) => `${e.key}${e.required_approvals ? ` (${e.required_approvals} approval${e.required_approvals > 1 ? 's' : ''})` : ''}`).join(' → ')
          : 'none yet')}
        {line('team', invitations.length ? `${invitations.length} invitation${invitations.length > 1 ? 's' : ''} waiting: ${invitations.map((i) => `${i.email} (${i.role})`).join(', ')}` : 'no one invited yet')}
      </ul>
      <p className="text-xs text-muted-foreground">Anything skipped can be done later: GitHub on Settings, environments on Environments, people on Organization.</p>
      <StepActions onContinue={onFinish} continueLabel="Finish setup" busy={busy} />
    </div>
  )
}
