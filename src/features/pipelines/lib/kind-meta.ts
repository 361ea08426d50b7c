import {
  Boxes, Clock, FlagTriangleRight, GitBranch, Hammer, Hand, Bell, RotateCcw, Rocket, ShieldCheck, TestTube2,
  type LucideIcon,
} from 'lucide-react'
import type { NodeKind } from './shared.ts'

interface KindMeta {
  /** What the palette and the node call the kind ("Add <label>", "<label>: <name>"). */
  label: string
  description: string
  icon: LucideIcon
  /** Accent for the node's left border and icon. */
  accent: string
}

export const kindMeta = {
  source: { label: 'Source', description: 'Where the code comes from', icon: GitBranch, accent: 'text-sky-600 border-l-sky-500' },
  build: { label: 'Build', description: 'Compile and package', icon: Hammer, accent: 'text-indigo-600 border-l-indigo-500' },
  test: { label: 'Test', description: 'Run the test suite', icon: TestTube2, accent: 'text-teal-600 border-l-teal-500' },
  security_scan: { label: 'Security scan', description: 'Scan code and dependencies', icon: ShieldCheck, accent: 'text-violet-600 border-l-violet-500' },
  approval: { label: 'Approval gate', description: 'Pause until approved', icon: Hand, accent: 'text-amber-600 border-l-amber-500' },
  deploy: { label: 'Deploy', description: 'Ship to an environment', icon: Rocket, accent: 'text-emerald-600 border-l-emerald-500' },
  checkpoint: { label: 'Checkpoint', description: 'Reruns can start here', icon: FlagTriangleRight, accent: 'text-slate-600 border-l-slate-500' },
  rollback: { label: 'Rollback', description: 'Restore an earlier version', icon: RotateCcw, accent: 'text-rose-600 border-l-rose-500' },
  parallel_group: { label: 'Parallel group', description: 'Fan out to branches', icon: Boxes, accent: 'text-cyan-600 border-l-cyan-500' },
  notify: { label: 'Notify', description: 'Tell people what happened', icon: Bell, accent: 'text-orange-600 border-l-orange-500' },
  wait: { label: 'Wait', description: 'Pause for a while', icon: Clock, accent: 'text-stone-600 border-l-stone-500' },
} satisfies Record<NodeKind, KindMeta>

export const STRATEGY_LABELS = { rolling: 'Rolling', canary: 'Canary', blue_green: 'Blue-green' } as const
