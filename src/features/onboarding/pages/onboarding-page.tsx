import { Check } from 'lucide-react'
import { useNavigate } from 'react-router'
import { ErrorState, LoadingRows, PageHeader } from '../../../components/states.tsx'
import { Alert } from '../../../components/ui/alert.tsx'
import { Button } from '../../../components/ui/button.tsx'
import { Card, CardContent, CardHeader, CardTitle } from '../../../components/ui/card.tsx'
import { cn } from '../../../lib/utils.ts'
import { useWorkspace } from '../../../lib/workspace.ts'
import { useOnboardingState, useSaveOnboardingState } from '../api/onboarding-state.ts'
import { EnvironmentsStep } from '../components/environments-step.tsx'
import { GithubStep } from '../components/github-step.tsx'
import { ReviewStep } from '../components/review-step.tsx'
import { TeamStep } from '../components/team-step.tsx'
import { completeStep, STEP_LABELS, STEPS, type OnboardingState, type Step } from '../lib/onboarding.ts'

/** The setup of a new organization, one step at a time; every step saves, so leaving and coming back resumes. */
export default function OnboardingPage() {
  const { user, organization, role, setProject } = useWorkspace()
  const navigate = useNavigate()
  const orgId = organization?.id ?? ''
  const state = useOnboardingState(user.id, orgId)
  const save = useSaveOnboardingState(user.id, orgId)

  if (!organization) return <Alert>Create an organization first.</Alert>
  if (role !== 'admin') {
    return <Alert>Only admins of {organization.name} set it up. Ask one of them, or look around: everything you may see is in the menu.</Alert>
  }
  if (state.isPending) return <LoadingRows rows={4} />
  if (state.isError) return <ErrorState error={state.error} onRetry={() => void state.refetch()} />

  const { started: _, ...current } = state.data
  const persist = (next: OnboardingState) => save.mutateAsync(next)
  const finish = (step: Step, outcome: 'done' | 'skipped', change: Partial<OnboardingState> = {}) =>
    persist(completeStep({ ...current, ...change }, step, outcome))
  const close = async () => {
    await finish('review', 'done')
    navigate('/')
  }
  const dismiss = async () => {
    await persist({ ...current, closedAt: new Date().toISOString() })
    navigate('/')
  }

  return (
    <div className="mx-auto flex max-w-4xl flex-col gap-6">
      <PageHeader title={`Set up ${organization.name}`}
        description="Four steps; skip any of them and come back later. Your progress is saved as you go."
        actions={<Button variant="ghost" onClick={() => void dismiss()}>Not now</Button>} />
      <nav aria-label="Setup steps">
        <ol className="flex flex-wrap gap-2">
          {STEPS.map((step, i) => {
            const done = current.done.includes(step)
            const skipped = current.skipped.includes(step)
            return (
              <li key={step}>
                <button type="button" onClick={() => void persist({ ...current, step })}
                  aria-current={current.step === step ? 'step' : undefined}
                  className={cn('flex items-center gap-2 rounded-md border px-3 py-1.5 text-sm', current.step === step ? 'border-primary bg-primary/10 font-medium' : 'hover:bg-accent')}>
                  <span className="flex size-5 items-center justify-center rounded-full border text-xs">{done ? <Check className="size-3" aria-hidden /> : i + 1}</span>
                  {STEP_LABELS[step]}
                  {done && <span className="sr-only">(done)</span>}
                  {skipped && <span className="text-xs text-muted-foreground">skipped</span>}
                </button>
              </li>
            )
          })}
        </ol>
      </nav>
      <Card>
        <CardHeader><CardTitle>{STEP_LABELS[current.step]}</CardTitle></CardHeader>
        <CardContent>
          {current.step === 'github' && (
            <GithubStep orgId={orgId} userId={user.id} projectId={current.projectId}
              onProject={(projectId) => { setProject(projectId); void finish('github', 'done', { projectId }) }}
              onSkip={() => void finish('github', 'skipped')} />
          )}
          {current.step === 'environments' && (
            <EnvironmentsStep orgId={orgId} userId={user.id} projectId={current.projectId}
              onDone={() => void finish('environments', 'done')} onSkip={() => void finish('environments', 'skipped')} />
          )}
          {current.step === 'team' && (
            <TeamStep orgId={orgId} userId={user.id} onDone={() => void finish('team', 'done')} onSkip={() => void finish('team', 'skipped')} />
          )}
          {current.step === 'review' && <ReviewStep orgId={orgId} state={current} onFinish={() => void close()} busy={save.isPending} />}
          {save.isError && <Alert tone="danger" className="mt-4">Could not save your progress: {save.error.message}</Alert>}
        </CardContent>
      </Card>
    </div>
  )
}
