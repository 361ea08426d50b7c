import { useState } from 'react'
import { EmptyState, ErrorState, LoadingRows, PageHeader } from '../../../components/states.tsx'
import { NativeSelect } from '../../../components/ui/input.tsx'
import { Label } from '../../../components/ui/label.tsx'
import { toast } from '../../../components/ui/toaster.tsx'
import { useProject, useWorkspace } from '../../../lib/workspace.ts'
import { useDashboardFigures } from '../api/get-dashboard-figures.ts'
import { useDashboardLayout } from '../api/get-dashboard-layout.ts'
import { useDoraMetrics } from '../api/get-dora-metrics.ts'
import { productionEnvironment, useEnvironments } from '../api/get-environments.ts'
import { useSaveDashboardLayout } from '../api/save-dashboard-layout.ts'
import { useLiveDashboard } from '../api/use-live-dashboard.ts'
import { AddWidgetMenu } from '../components/add-widget-menu.tsx'
import { WidgetBody } from '../components/widget-bodies.tsx'
import { WidgetFrame } from '../components/widget-frame.tsx'
import { addWidget, availableWidgets, DEFAULT_LAYOUT, moveWidget, moveWidgetTo, removeWidget, type Layout } from '../lib/layout.ts'
import { dayWindow, WINDOWS } from '../lib/window.ts'

/** The user's own dashboard for the current project: their saved layout, or the default until they change it. */
export default function DashboardPage() {
  const { user } = useWorkspace()
  const project = useProject()
  const [days, setDays] = useState<number>(7)
  const saved = useDashboardLayout(user.id, project.id)
  const save = useSaveDashboardLayout()
  const figures = useDashboardFigures(project.id, days)
  const environments = useEnvironments(project.id)
  const production = environments.data ? productionEnvironment(environments.data) : undefined
  const span = dayWindow(days)
  const dora = useDoraMetrics(project.id, production?.id, span.from, span.to)
  useLiveDashboard(project.id)

  const layout: Layout | undefined = saved.isPending ? undefined : saved.data?.layout ?? DEFAULT_LAYOUT
  const change = (next: Layout) => {
    if (!saved.isSuccess) return
    save.mutate({ userId: user.id, projectId: project.id, layout: next }, {
      onError: (error) => toast({ title: 'Could not save the layout', description: error.message, tone: 'danger' }),
    })
  }

  return (
    <div>
      <PageHeader
        title="Dashboard"
        description={saved.data ? 'Your layout for this project.' : 'The default layout; your changes are saved for you only.'}
        actions={(
          <>
            <div className="flex items-center gap-2">
              <Label htmlFor="dashboard-window" className="text-sm text-muted-foreground">Window</Label>
              <NativeSelect id="dashboard-window" className="w-40" value={days} onChange={(e) => setDays(Number(e.target.value))}>
                {WINDOWS.map((d) => <option key={d} value={d}>Last {d} days</option>)}
              </NativeSelect>
            </div>
            {layout && <AddWidgetMenu available={availableWidgets(layout)} onAdd={(id) => change(addWidget(layout, id))} />}
          </>
        )}
      />
      {saved.isPending || figures.isPending ? <LoadingRows rows={4} />
        : saved.isError ? <ErrorState error={saved.error} onRetry={() => void saved.refetch()} />
        : figures.isError ? <ErrorState error={figures.error} onRetry={() => void figures.refetch()} />
        : layout!.length === 0 ? <EmptyState title="No widgets" description="Add widgets from the catalog with Add widget." />
        : (
          <div className="grid gap-4 md:grid-cols-2" data-testid="dashboard-grid">
            {layout!.map((id, index) => (
              <WidgetFrame
                key={id}
                id={id}
                first={index === 0}
                last={index === layout!.length - 1}
                onMove={(delta) => change(moveWidget(layout!, id, delta))}
                onDropWidget={(dragged) => change(moveWidgetTo(layout!, dragged, id))}
                onRemove={() => change(removeWidget(layout!, id))}
              >
                <WidgetBody id={id} data={{ figures: figures.data, dora: dora.data, productionKey: production?.key }} />
              </WidgetFrame>
            ))}
          </div>
        )}
    </div>
  )
}
