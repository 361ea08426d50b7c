import { PageHeader } from '../../components/states.tsx'
import { SandboxBanner } from '../../features/demo/components/sandbox-banner.tsx'
import { OnboardingBanner } from '../../features/onboarding/components/onboarding-banner.tsx'
import { modeMeta } from '../../lib/modes.ts'
import { useProject, useWorkspace } from '../../lib/workspace.ts'
import { modeHomes } from './mode-layouts.tsx'

/** The control tower: the sections the current mode is about, each live and from the database. */
export default function HomePage() {
  const { mode } = useWorkspace()
  const project = useProject()
  const Home = modeHomes[mode]
  const meta = modeMeta[mode]
  return (
    <>
      <SandboxBanner />
      <OnboardingBanner />
      <PageHeader
        title="Control tower"
        description={<>{project.name} · {project.organizationName} · <span data-testid="home-mode">{meta.label}</span>: {meta.description.toLowerCase()}</>}
      />
      <div className="flex flex-col gap-4" data-testid={`home-${mode}`}>
        <Home />
      </div>
    </>
  )
}
