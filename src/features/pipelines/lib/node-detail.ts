import { formatDuration } from '../../../lib/format.ts'
import { STRATEGY_LABELS } from './kind-meta.ts'
import { isWorkKind } from './shared.ts'

const str = (v: unknown) => (typeof v === 'string' && v !== '' ? v : undefined)

/** The one-line summary a node shows under its name. */
export function nodeDetail(kind: string, config: Record<string, unknown>): string {
  if (isWorkKind(kind)) {
    const executor = (config.executor ?? {}) as Record<string, unknown>
    if (executor.type === 'github_workflow') {
      return `GitHub workflow · ${str(executor.workflow) ?? 'default workflow'}${str(executor.ref) ? ` @ ${executor.ref}` : ''}`
    }
    const duration = typeof executor.duration_ms === 'number' ? formatDuration(executor.duration_ms) : '—'
    return `simulated executor · ${duration} · ${str(executor.outcome) ?? 'success'}`
  }
  switch (kind) {
    case 'source': return str(config.repository) ? `${config.repository}@${str(config.branch) ?? 'main'}` : 'no repository yet'
    case 'approval': return `${config.required_approvals ?? 1} approval(s)${str(config.environment) ? ` for ${config.environment}` : ''}`
    case 'deploy': return `${str(config.environment) ?? 'no environment'} · ${STRATEGY_LABELS[config.strategy as keyof typeof STRATEGY_LABELS] ?? 'Rolling'}`
    case 'rollback': return `${str(config.environment) ?? 'no environment'}${str(config.to_version) ? ` → ${config.to_version}` : ''}`
    case 'wait': return typeof config.duration_ms === 'number' ? formatDuration(config.duration_ms) : 'no duration'
    case 'notify': return str(config.channel) ?? 'in_app'
    case 'checkpoint': return str(config.label) ?? 'rerun point'
    case 'parallel_group': return 'branches run side by side'
    default: return `unknown kind "${kind}"`
  }
}
