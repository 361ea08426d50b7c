import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts'
import type { DurationDay, EnvironmentDeployments } from '../api/get-dashboard-figures.ts'

// Recharts lives in this module only; pages load it lazily so it stays off the home route's bundle.
const tooltip = { background: 'var(--color-card)', border: '1px solid var(--color-border)', borderRadius: 6, fontSize: 12 }
const axis = { tickLine: false, axisLine: false, fontSize: 11, stroke: 'var(--color-muted-foreground)' }

export type ChartProps =
  | { kind: 'duration'; days: DurationDay[] }
  | { kind: 'deployments'; environments: EnvironmentDeployments[] }
  | { kind: 'trend'; points: Array<{ label: string; value: number | null }>; format: (v: number) => string; tick: (v: number) => string; name: string }

const minutes = (s: number | null) => (s == null ? null : Math.round((s / 60) * 10) / 10)

export default function DashboardChart(props: ChartProps) {
  if (props.kind === 'duration') {
    const data = props.days.map((d) => ({ label: d.day.slice(5), median: minutes(d.median_seconds), longest: minutes(d.max_seconds), runs: d.runs }))
    return (
      <ResponsiveContainer width="100%" height={180}>
        <LineChart data={data} margin={{ top: 4, right: 8, bottom: 0, left: 0 }}>
          <CartesianGrid vertical={false} stroke="var(--color-border)" />
          <XAxis dataKey="label" {...axis} interval="preserveStartEnd" />
          <YAxis {...axis} width={48} unit=" min" />
          <Tooltip contentStyle={tooltip} formatter={(v) => `${v} min`} />
          <Legend wrapperStyle={{ fontSize: 11 }} />
          <Line dataKey="median" name="Median" stroke="var(--color-primary)" strokeWidth={2} connectNulls dot={false} isAnimationActive={false} />
          <Line dataKey="longest" name="Longest" stroke="var(--color-warning)" strokeDasharray="4 3" connectNulls dot={false} isAnimationActive={false} />
        </LineChart>
      </ResponsiveContainer>
    )
  }
  if (props.kind === 'deployments') {
    const data = props.environments.map((e) => ({ label: e.key, Succeeded: e.success, Failed: e.failed, 'Rolled back': e.rolled_back, Other: e.other }))
    const series = [
      ['Succeeded', 'var(--color-success)'], ['Failed', 'var(--color-destructive)'],
      ['Rolled back', 'var(--color-warning)'], ['Other', 'var(--color-muted-foreground)'],
    ] as const
    return (
      <ResponsiveContainer width="100%" height={180}>
        <BarChart data={data} margin={{ top: 4, right: 8, bottom: 0, left: 0 }} barCategoryGap="25%">
          <CartesianGrid vertical={false} stroke="var(--color-border)" />
          <XAxis dataKey="label" {...axis} />
          <YAxis {...axis} width={48} allowDecimals={false} />
          <Tooltip contentStyle={tooltip} cursor={{ fill: 'var(--color-accent)', opacity: 0.5 }} />
          <Legend wrapperStyle={{ fontSize: 11 }} />
          {series.map(([key, color]) => <Bar key={key} dataKey={key} stackId="d" fill={color} isAnimationActive={false} />)}
        </BarChart>
      </ResponsiveContainer>
    )
  }
  const { points, format, tick, name } = props
  return (
    <ResponsiveContainer width="100%" height={120}>
      <LineChart data={points} margin={{ top: 4, right: 8, bottom: 0, left: -8 }}>
        <CartesianGrid vertical={false} stroke="var(--color-border)" />
        <XAxis dataKey="label" {...axis} interval="preserveStartEnd" />
        <YAxis {...axis} width={40} tickFormatter={(v: number) => tick(v)} />
        <Tooltip contentStyle={tooltip} formatter={(v) => (typeof v === 'number' ? format(v) : '—')} />
        <Line dataKey="value" name={name} stroke="var(--color-primary)" strokeWidth={2} dot={{ r: 2 }} isAnimationActive={false} />
      </LineChart>
    </ResponsiveContainer>
  )
}
