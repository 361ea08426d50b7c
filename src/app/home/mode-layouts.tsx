import type { ComponentType } from 'react'
import { RecentDeployments } from '../../features/deployments/components/recent-deployments.tsx'
import { EnvironmentBoard } from '../../features/environments/components/environment-board.tsx'
import { PendingApprovals } from '../../features/approvals/components/pending-approvals.tsx'
import { RecentFailures } from '../../features/executions/components/recent-failures.tsx'
import { RunningExecutions } from '../../features/executions/components/running-executions.tsx'
import { ActivityFeed } from '../../features/activity/components/activity-feed.tsx'
import { DeploymentIncidents } from '../../features/activity/components/deployment-incidents.tsx'
import { KpiCards } from '../../features/overview/components/kpi-cards.tsx'
import { RunsPerDay } from '../../features/overview/components/runs-per-day.tsx'
import type { Mode } from '../../lib/modes.ts'
import { QuickLinks } from './quick-links.tsx'

// Each mode's home: a main column (what the mode is about) and a side column, with full-width rows around them.
function Columns({ main, side }: { main: ComponentType[]; side: ComponentType[] }) {
  return (
    <div className="grid gap-4 lg:grid-cols-3">
      <div className="flex min-w-0 flex-col gap-4 lg:col-span-2">{main.map((S, i) => <S key={i} />)}</div>
      <div className="flex min-w-0 flex-col gap-4">{side.map((S, i) => <S key={i} />)}</div>
    </div>
  )
}

function MonitorHome() {
  return (
    <>
      <KpiCards />
      <EnvironmentBoard />
      <Columns main={[RunningExecutions, RunsPerDay]} side={[ActivityFeed]} />
    </>
  )
}

function BuildHome() {
  return (
    <>
      <KpiCards />
      <Columns main={[RunningExecutions, RecentDeployments]} side={[QuickLinks, RunsPerDay]} />
      <EnvironmentBoard />
    </>
  )
}

function InvestigateHome() {
  return (
    <>
      <Columns main={[RecentFailures]} side={[DeploymentIncidents]} />
      <KpiCards />
      <Columns main={[RunsPerDay]} side={[ActivityFeed]} />
    </>
  )
}

function GovernHome() {
  return (
    <>
      <PendingApprovals />
      <EnvironmentBoard />
      <Columns main={[RecentDeployments]} side={[ActivityFeed]} />
    </>
  )
}

export const modeHomes = {
  monitor: MonitorHome,
  build: BuildHome,
  investigate: InvestigateHome,
  govern: GovernHome,
} satisfies Record<Mode, ComponentType>
