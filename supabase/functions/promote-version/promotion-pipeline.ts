// The run a promotion starts: the source version → a checkpoint naming what ships → an approval gate when the
// target is protected → deploy into the target → notify. No build and no tests: what ships already ran in the
// source environment (the pipeline rules let nothing ship straight from a source, hence the checkpoint).
import { toStored } from '../_shared/pipeline/stored.ts'

export interface PromotionPlan {
  project_id: string
  from: { id: string; key: string; display_name: string }
  to: { id: string; key: string; display_name: string; required_approvals: number; deploy_strategy: string; needs_gate: boolean }
  version: { id: string; version_tag: string; commit_sha: string | null; artifact_id: string | null; deployed_at: string }
  replaces: { id: string; version_tag: string } | null
}

export function promotionPipeline(plan: PromotionPlan, repository: string) {
  const { from, to, version } = plan
  const gate = to.needs_gate
    ? [{
      id: 'approve', kind: 'approval' as const, label: `Approve ${version.version_tag} for ${to.key}`, position: { x: 480, y: 0 },
      config: { environment: to.key, required_approvals: Math.max(1, to.required_approvals) },
    }]
    : []
  return toStored({
    nodes: [
      { id: 'source', kind: 'source', label: `${version.version_tag} from ${from.key}`, position: { x: 0, y: 0 },
        config: { repository, branch: 'main', version: version.version_tag } },
      { id: 'verified', kind: 'checkpoint', label: `As it runs in ${from.key}`, position: { x: 240, y: 0 },
        config: { label: `${version.version_tag} as it runs in ${from.key} (commit ${version.commit_sha?.slice(0, 7) ?? 'unknown'})` } },
      ...gate,
      { id: 'deploy', kind: 'deploy', label: `Deploy to ${to.key}`, position: { x: gate.length ? 720 : 480, y: 0 },
        config: { environment: to.key, strategy: to.deploy_strategy, duration_ms: 0, version: version.version_tag } },
      { id: 'notify', kind: 'notify', label: 'Notify', position: { x: gate.length ? 960 : 720, y: 0 },
        config: { channel: 'in_app', message: `${version.version_tag} promoted from ${from.display_name} to ${to.display_name}` } },
    ],
    edges: [
      { source: 'source', target: 'verified', on: 'success' as const },
      ...(gate.length
        ? [{ source: 'verified', target: 'approve', on: 'success' as const }, { source: 'approve', target: 'deploy', on: 'success' as const }]
        : [{ source: 'verified', target: 'deploy', on: 'success' as const }]),
      { source: 'deploy', target: 'notify', on: 'always' as const },
    ],
  })
}
