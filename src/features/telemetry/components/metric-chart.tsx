import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts'
import { fieldLabel, type Chart } from '../lib/metric-series.ts'

// Loaded lazily (React.lazy) by the metrics section, so recharts is fetched only when a chart is shown.
const COLOURS = ['var(--color-primary)', 'var(--color-success)', 'var(--color-warning)', 'var(--color-info)', 'var(--color-destructive)', '#8b5cf6', '#0ea5e9', '#64748b']
const time = (t: number) => new Date(t).toLocaleString([], { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' })

export default function MetricChart({ chart, unit }: { chart: Chart; unit: string | null }) {
  return (
    <figure className="flex flex-col gap-1" data-testid={`metric-chart-${chart.field}`}>
      <figcaption className="text-xs font-medium text-muted-foreground">{fieldLabel(chart.field)}{unit ? ` (${unit})` : ''}</figcaption>
      <div className="h-64 w-full">
        <ResponsiveContainer width="100%" height="100%">
          <LineChart data={chart.rows} margin={{ top: 8, right: 16, bottom: 0, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" className="stroke-border" />
            <XAxis dataKey="t" type="number" scale="time" domain={['dataMin', 'dataMax']} tickFormatter={time} fontSize={11} />
            <YAxis fontSize={11} width={56} />
            <Tooltip labelFormatter={(t) => time(Number(t))} />
            <Legend />
            {chart.services.map((service, i) => (
              <Line key={service} dataKey={service} name={service} type="monotone" stroke={COLOURS[i % COLOURS.length]} dot={chart.rows.length < 40}
                connectNulls isAnimationActive={false} />
            ))}
          </LineChart>
        </ResponsiveContainer>
      </div>
    </figure>
  )
}
