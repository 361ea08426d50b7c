import { Check, Circle, Loader2 } from 'lucide-react'
import { cn } from '../../../lib/utils.ts'
import { stepState, TOUR_STEPS, type TourStep } from '../lib/tour.ts'

export const STEP_TEXT = {
  run: { title: 'Run the pipeline', body: 'Start "Demo release": source, build, a checkpoint, test, an approval gate and a deploy to staging, all on the simulated executor.' },
  fail: { title: 'A stage fails', body: 'The test stage is flaky: it fails on its first attempt, so the run stops there.' },
  rerun: { title: 'Rerun from the checkpoint', body: 'A new attempt reuses source and build from the checkpoint and runs only what comes after it.' },
  approve: { title: 'Approve the deploy', body: 'Staging needs one approval. In a sandbox you are alone, so you may approve your own run.' },
  deploy: { title: 'Deploy to staging', body: 'Once approved, the deploy makes v2.0.0 the current version of staging.' },
  rollback: { title: 'Roll back', body: 'Take staging back to v1.0.0, with a reason, as you would after a bad release.' },
} as const satisfies Record<(typeof TOUR_STEPS)[number], { title: string; body: string }>

const ICON = { done: Check, current: Loader2, upcoming: Circle } as const

/** The step-by-step panel: what is done, what is now, what comes next (the current step is aria-current). */
export function TourSteps({ current, working }: { current: TourStep; working: boolean }) {
  return (
    <ol className="flex flex-col gap-2" aria-label="Tour steps">
      {TOUR_STEPS.map((step, i) => {
        const state = stepState(step, current)
        const Icon = ICON[state]
        return (
          <li
            key={step} data-testid={`tour-step-${step}`} data-state={state} aria-current={state === 'current' ? 'step' : undefined}
            className={cn('flex gap-3 rounded-md border p-3', state === 'current' && 'border-primary bg-primary/5')}
          >
            <Icon aria-hidden className={cn('mt-0.5 size-4 shrink-0', state === 'done' && 'text-success', state === 'current' && working && 'animate-spin')} />
            <div className="flex flex-col gap-1">
              <span className="text-sm font-medium">{i + 1}. {STEP_TEXT[step].title}<span className="sr-only"> ({state})</span></span>
              {state === 'current' && <span className="text-sm text-muted-foreground">{STEP_TEXT[step].body}</span>}
            </div>
          </li>
        )
      })}
    </ol>
  )
}
