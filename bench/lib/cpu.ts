// CPU seconds used by a process tree, in total and per program (postgres, postgrest, deno, node), read
// from /proc: on a shared machine wall-clock rates depend on the neighbours, CPU per item does not.
import { readdirSync, readFileSync } from 'node:fs'

export type CpuByProgram = Record<string, number>

/** CPU seconds so far of `root` and all its descendants, by program name (the stack's own Node process is `stack`). */
export function treeCpu(root: number): CpuByProgram {
  const stats = new Map<number, { ppid: number; comm: string; ticks: number }>()
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue
    try {
      const raw = readFileSync(`/proc/${entry}/stat`, 'utf8')
      const comm = raw.slice(raw.indexOf('(') + 1, raw.lastIndexOf(')'))
      const fields = raw.slice(raw.lastIndexOf(')') + 2).split(' ')
      stats.set(Number(entry), { ppid: Number(fields[1]), comm, ticks: Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14]) })
    } catch { /* exited meanwhile */ }
  }
  const out: CpuByProgram = {}
  const visit = (pid: number) => {
    const s = stats.get(pid)
    if (s) {
      // PostgREST's binary is named postgrest: it is not Postgres, though its name starts the same.
      const name = pid === root ? 'stack' : s.comm === 'postgrest' ? 'postgrest' : /^postgres/.test(s.comm) ? 'postgres' : s.comm.toLowerCase()
      out[name] = (out[name] ?? 0) + s.ticks / 100 // USER_HZ
    }
    for (const [child, c] of stats) if (c.ppid === pid) visit(child)
  }
  visit(root)
  return out
}

/** What each program spent between two readings, rounded, plus `total`. */
export function cpuSpent(before: CpuByProgram, after: CpuByProgram): CpuByProgram {
  const out: CpuByProgram = {}
  let total = 0
  for (const [name, seconds] of Object.entries(after)) {
    const spent = seconds - (before[name] ?? 0)
    if (spent <= 0) continue
    out[name] = Math.round(spent * 100) / 100
    total += spent
  }
  out.total = Math.round(total * 100) / 100
  return out
}

/** This process's own CPU seconds (the bench client). */
export const clientCpu = () => {
  const u = process.cpuUsage()
  return (u.user + u.system) / 1e6
}
