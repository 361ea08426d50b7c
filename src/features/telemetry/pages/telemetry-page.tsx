import { useCallback, useMemo } from 'react'
import { useSearchParams } from 'react-router'
import { PageHeader } from '../../../components/states.tsx'
import { Tabs, TabsContent, TabsList, TabsTrigger } from '../../../components/ui/tabs.tsx'
import { useProject } from '../../../lib/workspace.ts'
import { MetricsSection } from '../components/metrics-section.tsx'
import { SignalsSection } from '../components/signals-section.tsx'
import { TracePanel } from '../components/trace-panel.tsx'
import { changeFilter, filterToParams, normalizeTraceId, parseFilter, type SignalFilter } from '../lib/signal-filter.ts'

type Tab = 'signals' | 'metrics'

/**
 * Telemetry of the current project. Everything is in the URL so a view can be shared: the signal filters,
 * `tab`, `metric`, and `trace` (+ `span`) for the open waterfall.
 */
export default function TelemetryPage() {
  const project = useProject()
  const [params, setParams] = useSearchParams()
  const filter = useMemo(() => parseFilter(params), [params])
  const trace = normalizeTraceId(params.get('trace') ?? '')
  const openTrace = trace.length === 32 ? trace : null
  const tab: Tab = params.get('tab') === 'metrics' ? 'metrics' : 'signals'

  const update = useCallback((edit: (next: URLSearchParams) => void, replace = true) => setParams((current) => {
    const next = new URLSearchParams(current)
    edit(next)
    return next
  }, { replace }), [setParams])
  const onFilter = useCallback((change: Partial<SignalFilter>) =>
    setParams((current) => filterToParams(changeFilter(parseFilter(current), change), current), { replace: true }), [setParams])
  const setOrDelete = (next: URLSearchParams, key: string, value: string | null) => (value ? next.set(key, value) : next.delete(key))

  return (
    <>
      <PageHeader title="Telemetry"
        description={`Spans, metrics and logs of ${project.name}: sent over OTLP with an ingest token, and the CI/CD spans of every finished run.`} />
      <div className="flex flex-col gap-6">
        {openTrace && (
          <TracePanel key={openTrace} projectId={project.id} traceId={openTrace} selectedSpan={params.get('span')}
            onSelectSpan={(span) => update((next) => next.set('span', span))}
            onClose={() => update((next) => { next.delete('trace'); next.delete('span') }, false)} />
        )}
        <Tabs value={tab} onValueChange={(value) => update((next) => setOrDelete(next, 'tab', value === 'metrics' ? 'metrics' : null), false)}>
          <TabsList>
            <TabsTrigger value="signals">Signals</TabsTrigger>
            <TabsTrigger value="metrics">Metrics</TabsTrigger>
          </TabsList>
          <TabsContent value="signals" className="pt-3">
            <SignalsSection projectId={project.id} filter={filter} openTrace={openTrace} onChange={onFilter} />
          </TabsContent>
          <TabsContent value="metrics" className="pt-3">
            <MetricsSection projectId={project.id} window={filter.window} metric={params.get('metric') ?? ''}
              onMetric={(name) => update((next) => setOrDelete(next, 'metric', name))} />
          </TabsContent>
        </Tabs>
      </div>
    </>
  )
}
