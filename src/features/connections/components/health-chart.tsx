import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts'
import { connectionStatusMeta } from '../../../components/status-badge.tsx'
import { formatDateTime, formatDuration } from '../../../lib/format.ts'
import type { ChartPoint, ConnectionStatus } from '../lib/health-summary.ts'

// Point colours follow the status badge tones.
export const statusColor: Record<ConnectionStatus, string> = {
  healthy: 'var(--color-success)',
  degraded: 'var(--color-warning)',
  down: 'var(--color-destructive)',
  unknown: 'var(--color-muted-foreground)',
}

const time = (at: number) => new Date(at).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })

interface DotProps { cx?: number; cy?: number; payload?: ChartPoint }

function StatusDot({ cx, cy, payload }: DotProps) {
  if (cx == null || cy == null || !payload) return null
  return <circle cx={cx} cy={cy} r={payload.status === 'healthy' ? 3 : 5} fill={statusColor[payload.status]} stroke="var(--color-card)" strokeWidth={1} data-status={payload.status} />
}

function PointTooltip({ active, payload }: { active?: boolean; payload?: { payload: ChartPoint }[] }) {
  const point = active ? payload?.[0]?.payload : undefined
  if (!point) return null
  return (
    <div className="max-w-64 rounded-md border bg-card p-2 text-xs shadow">
      <p className="font-medium" style={{ color: statusColor[point.status] }}>{connectionStatusMeta[point.status].label} · {formatDuration(point.ms)}</p>
      <p className="text-muted-foreground">{formatDateTime(new Date(point.at).toISOString())}</p>
      {point.message && <p className="mt-1">{point.message}</p>}
    </div>
  )
}

/** Response time per check, each point coloured by its status. Its own chunk (lazy) so recharts stays off other routes. */
export default function HealthChart({ points }: { points: ChartPoint[] }) {
  return (
    <ResponsiveContainer width="100%" height={200}>
      <LineChart data={points} margin={{ top: 8, right: 8, bottom: 0, left: -8 }}>
        <CartesianGrid vertical={false} stroke="var(--color-border)" />
        <XAxis dataKey="at" type="number" scale="time" domain={['dataMin', 'dataMax']} tickFormatter={time}
          tickLine={false} axisLine={false} fontSize={11} stroke="var(--color-muted-foreground)" />
        <YAxis dataKey="ms" tickFormatter={(v: number) => `${v} ms`} tickLine={false} axisLine={false} fontSize={11} width={64} stroke="var(--color-muted-foreground)" />
        <Tooltip content={<PointTooltip />} />
        <Line type="monotone" dataKey="ms" stroke="var(--color-muted-foreground)" strokeOpacity={0.5} strokeWidth={1.5}
          dot={(props: DotProps) => <StatusDot key={props.payload?.id} cx={props.cx} cy={props.cy} payload={props.payload} />} activeDot={false} isAnimationActive={false} connectNulls />
      </LineChart>
    </ResponsiveContainer>
  )
}
