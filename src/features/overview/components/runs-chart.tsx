import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts'
import type { ChartDay, RunOutcome } from '../lib/runs-per-day.ts'

// Colours follow the status tones (success, warning, danger, neutral) of the theme.
const series = [
  { key: 'success', name: 'Succeeded', color: 'var(--color-success)' },
  { key: 'warning', name: 'With warnings', color: 'var(--color-warning)' },
  { key: 'failed', name: 'Failed', color: 'var(--color-destructive)' },
  { key: 'cancelled', name: 'Cancelled', color: 'var(--color-muted-foreground)' },
] satisfies { key: RunOutcome; name: string; color: string }[]

/** Stacked bars of finished runs per day. Its own chunk (loaded lazily) so recharts stays off the first route. */
export default function RunsChart({ days }: { days: ChartDay[] }) {
  return (
    <ResponsiveContainer width="100%" height={160}>
      <BarChart data={days} margin={{ top: 4, right: 4, bottom: 0, left: -24 }} barCategoryGap="20%">
        <CartesianGrid vertical={false} stroke="var(--color-border)" />
        <XAxis dataKey="label" tickLine={false} axisLine={false} fontSize={11} interval="preserveStartEnd" stroke="var(--color-muted-foreground)" />
        <YAxis allowDecimals={false} tickLine={false} axisLine={false} fontSize={11} width={48} stroke="var(--color-muted-foreground)" />
        <Tooltip
          cursor={{ fill: 'var(--color-accent)', opacity: 0.5 }}
          contentStyle={{ background: 'var(--color-card)', border: '1px solid var(--color-border)', borderRadius: 6, fontSize: 12 }}
        />
        {series.map((s, i) => (
          <Bar key={s.key} dataKey={s.key} name={s.name} stackId="runs" fill={s.color} isAnimationActive={false}
            radius={i === series.length - 1 ? [3, 3, 0, 0] : 0} />
        ))}
      </BarChart>
    </ResponsiveContainer>
  )
}
