// Real screenshots written by the browser journeys into e2e/artifacts/, cropped to their top 1280×800 and
// re-encoded as WebP by e2e/landing-screenshots.ts, committed here:
// - approval-levels-operator-level-2: e2e/journeys/approval-levels.e2e.test.ts (the operator's run at level 2)
// - approval-levels-operator-deployed: e2e/journeys/approval-levels.e2e.test.ts (the same run, deployed)
// - permissions-operator-rolled-back: e2e/journeys/environment-permissions.e2e.test.ts (prod after a rollback)
import rolledBack from './screenshots/permissions-operator-rolled-back.webp'
import runLevel2 from './screenshots/approval-levels-operator-level-2.webp'
import runSucceeded from './screenshots/approval-levels-operator-deployed.webp'

const SHOTS = [
  { src: runLevel2, alt: 'Screenshot: a run page with its pipeline graph paused at the approval gate', caption: 'A run waits at a two-level approval gate; the page follows each vote live.' },
  { src: runSucceeded, alt: 'Screenshot: the run page with every stage passed', caption: 'The same run after approval: every stage passed, with its timeline.' },
  { src: rolledBack, alt: 'Screenshot: the production environment page with its version history', caption: 'An environment after a rollback: version history, who deployed what, and why.' },
]

export function Screenshots() {
  return (
    <section aria-labelledby="shots-title" className="flex flex-col gap-4">
      <h2 id="shots-title" className="text-2xl font-semibold">What it looks like</h2>
      <ul className="grid gap-6 md:grid-cols-3">
        {SHOTS.map((shot) => (
          <li key={shot.src}>
            <figure className="flex flex-col gap-2">
              <div className="overflow-hidden rounded-lg border bg-card shadow-sm">
                <img
                  src={shot.src} width={960} height={600} loading="lazy" decoding="async"
                  alt={shot.alt} className="h-auto w-full"
                />
              </div>
              <figcaption className="text-sm text-muted-foreground">{shot.caption}</figcaption>
            </figure>
          </li>
        ))}
      </ul>
    </section>
  )
}
