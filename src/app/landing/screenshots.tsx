// Real screenshots, written by the browser journeys (e2e/artifacts/, copied here as committed files):
// - run-succeeded.png: e2e/journeys/approval-levels.e2e.test.ts, approval-levels-operator-deployed.png
// - run-level-2.png: e2e/journeys/approval-levels.e2e.test.ts, approval-levels-operator-level-2.png
// - rolled-back.png: e2e/journeys/environment-permissions.e2e.test.ts, permissions-operator-rolled-back.png
import rolledBack from './screenshots/permissions-operator-rolled-back.png'
import runLevel2 from './screenshots/approval-levels-operator-level-2.png'
import runSucceeded from './screenshots/approval-levels-operator-deployed.png'

const SHOTS = [
  { src: runLevel2, width: 1280, height: 1153, caption: 'A run waits at a two-level approval gate; the page follows each vote live.' },
  { src: runSucceeded, width: 1280, height: 1087, caption: 'The same run after approval: every stage passed, with its timeline.' },
  { src: rolledBack, width: 1280, height: 2301, caption: 'An environment after a rollback: version history, who deployed what, and why.' },
]

export function Screenshots() {
  return (
    <section aria-labelledby="shots-title" className="flex flex-col gap-4">
      <h2 id="shots-title" className="text-2xl font-semibold">What it looks like</h2>
      <ul className="grid gap-6 md:grid-cols-3">
        {SHOTS.map((shot) => (
          <li key={shot.src}>
            <figure className="flex flex-col gap-2">
              <div className="aspect-[4/3] overflow-hidden rounded-lg border bg-card shadow-sm">
                <img
                  src={shot.src} width={shot.width} height={shot.height} loading="lazy" decoding="async"
                  alt={shot.caption} className="h-full w-full object-cover object-left-top"
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
