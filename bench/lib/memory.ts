// Memory of a process tree by program (postgres, postgrest, deno, and the stack's Node processes, its tsx launcher included, as `stack`), read
// from /proc: PSS, so the pages Postgres backends share are counted once between them rather than once each.
import { readdirSync, readFileSync } from 'node:fs'

export type MemoryByProgram = Record<string, number>

function kib(pid: number, field: string): number {
  try {
    const text = readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8')
    return Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(text)?.[1] ?? 0)
  } catch {
    return 0 // exited meanwhile, or not ours to read
  }
}

/** MiB of PSS of `root` and every descendant, by program, plus `total` and `processes` (how many). */
export function treeMemory(root: number): MemoryByProgram {
  const parents = new Map<number, { ppid: number; comm: string }>()
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue
    try {
      const raw = readFileSync(`/proc/${entry}/stat`, 'utf8')
      parents.set(Number(entry), { ppid: Number(raw.slice(raw.lastIndexOf(')') + 2).split(' ')[1]), comm: raw.slice(raw.indexOf('(') + 1, raw.lastIndexOf(')')) })
    } catch { /* exited meanwhile */ }
  }
  const out: MemoryByProgram = {}
  let total = 0
  let processes = 0
  const visit = (pid: number) => {
    const p = parents.get(pid)
    if (p) {
      const name = pid === root || p.comm === 'node' ? 'stack' : /^postgres$/.test(p.comm) ? 'postgres' : p.comm.toLowerCase()
      const mib = kib(pid, 'Pss') / 1024
      out[name] = (out[name] ?? 0) + mib
      total += mib
      processes++
    }
    for (const [child, c] of parents) if (c.ppid === pid) visit(child)
  }
  visit(root)
  for (const name of Object.keys(out)) out[name] = Math.round(out[name] * 10) / 10
  return { ...out, total: Math.round(total * 10) / 10, processes }
}
