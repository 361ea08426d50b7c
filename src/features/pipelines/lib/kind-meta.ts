import {
  Archive, Bird, Boxes, BrainCircuit, ClipboardCheck, Clock, CloudUpload, Database, FileDiff, FlagTriangleRight,
  Gauge, GitBranch, Hammer, Hand, Bell, KeyRound, ListChecks, Map as MapIcon, Package, RotateCcw, Rocket, Scale, ScanLine,
  ScanSearch, ShieldAlert, ShieldCheck, ShieldX, Signature, Tag, TestTube2, TrendingDown,
  type LucideIcon,
} from 'lucide-react'
import { FLOW_STAGE_LABELS, type NodeKind } from './shared.ts'

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
  data_validation: { label: FLOW_STAGE_LABELS.data_validation, description: 'Check the dataset before training', icon: Database, accent: 'text-sky-600 border-l-sky-500' },
  train: { label: FLOW_STAGE_LABELS.train, description: 'Train the model', icon: BrainCircuit, accent: 'text-indigo-600 border-l-indigo-500' },
  evaluate: { label: FLOW_STAGE_LABELS.evaluate, description: 'Score the model against a threshold', icon: Gauge, accent: 'text-teal-600 border-l-teal-500' },
  register_model: { label: FLOW_STAGE_LABELS.register_model, description: 'Add the model to the registry', icon: Archive, accent: 'text-violet-600 border-l-violet-500' },
  deploy_model: { label: FLOW_STAGE_LABELS.deploy_model, description: 'Serve the registered model', icon: CloudUpload, accent: 'text-emerald-600 border-l-emerald-500' },
  monitor_drift: { label: FLOW_STAGE_LABELS.monitor_drift, description: 'Watch live data drift from training', icon: TrendingDown, accent: 'text-amber-600 border-l-amber-500' },
  eval_suite: { label: FLOW_STAGE_LABELS.eval_suite, description: 'Run prompts against an eval set', icon: ListChecks, accent: 'text-teal-600 border-l-teal-500' },
  guardrail_check: { label: FLOW_STAGE_LABELS.guardrail_check, description: 'Probe for PII, jailbreaks, toxicity', icon: ShieldAlert, accent: 'text-violet-600 border-l-violet-500' },
  model_version_gate: { label: FLOW_STAGE_LABELS.model_version_gate, description: 'Pin the model version in use', icon: Tag, accent: 'text-amber-600 border-l-amber-500' },
  canary: { label: FLOW_STAGE_LABELS.canary, description: 'Send a share of traffic first', icon: Bird, accent: 'text-emerald-600 border-l-emerald-500' },
  plan: { label: FLOW_STAGE_LABELS.plan, description: 'Compute the infrastructure change', icon: MapIcon, accent: 'text-indigo-600 border-l-indigo-500' },
  policy_check: { label: FLOW_STAGE_LABELS.policy_check, description: 'Check the plan against policies', icon: Scale, accent: 'text-violet-600 border-l-violet-500' },
  apply: { label: FLOW_STAGE_LABELS.apply, description: 'Apply the reviewed plan', icon: Hammer, accent: 'text-emerald-600 border-l-emerald-500' },
  drift_check: { label: FLOW_STAGE_LABELS.drift_check, description: 'Compare live resources with code', icon: FileDiff, accent: 'text-amber-600 border-l-amber-500' },
  sast: { label: FLOW_STAGE_LABELS.sast, description: 'Static analysis of the code', icon: ScanSearch, accent: 'text-violet-600 border-l-violet-500' },
  dependency_scan: { label: FLOW_STAGE_LABELS.dependency_scan, description: 'Known vulnerabilities in dependencies', icon: Package, accent: 'text-violet-600 border-l-violet-500' },
  secrets_scan: { label: FLOW_STAGE_LABELS.secrets_scan, description: 'Credentials committed by mistake', icon: KeyRound, accent: 'text-violet-600 border-l-violet-500' },
  sbom: { label: FLOW_STAGE_LABELS.sbom, description: 'Software bill of materials', icon: ClipboardCheck, accent: 'text-sky-600 border-l-sky-500' },
  image_sign: { label: FLOW_STAGE_LABELS.image_sign, description: 'Sign the container image', icon: Signature, accent: 'text-indigo-600 border-l-indigo-500' },
  image_scan: { label: FLOW_STAGE_LABELS.image_scan, description: 'Scan the container image', icon: ScanLine, accent: 'text-violet-600 border-l-violet-500' },
  security_gate: { label: FLOW_STAGE_LABELS.security_gate, description: 'Stop on findings above a severity', icon: ShieldX, accent: 'text-rose-600 border-l-rose-500' },
} satisfies Record<NodeKind, KindMeta>

export const STRATEGY_LABELS = { rolling: 'Rolling', canary: 'Canary', blue_green: 'Blue-green' } as const
