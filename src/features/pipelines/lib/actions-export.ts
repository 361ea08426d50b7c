import { Document } from 'yaml'
import type { CodePipeline } from './pipeline-yaml.ts'

/**
 * A pipeline → a GitHub Actions workflow skeleton to start from: one job per work stage, in the same order of
 * `needs`, each run by Opzenix's dispatch (`inputs.opzenix_job` names the job to run, as the importer expects);
 * deploys become jobs with their `environment`; approval gates are left to the environment's protection rules in
 * GitHub, so a job after a gate needs what the gate needed. Steps are placeholders to fill in.
 */
export function toWorkflow(pipeline: CodePipeline): string {
  const byId = new Map(pipeline.nodes.map((n) => [n.id, n]))
  const source = pipeline.nodes.find((n) => n.kind === 'source')
  const branch = typeof source?.config.branch === 'string' ? source.config.branch : 'main'
  const jobs = pipeline.nodes.filter((n) => n.kind !== 'source' && n.kind !== 'approval')
  const jobIds = new Map(jobs.map((n) => [n.id, n.id.replace(/[^A-Za-z0-9_-]/g, '-').replace(/^([^A-Za-z_])/, 'job-$1')]))
  const body: Record<string, unknown> = {
    name: pipeline.name || 'Pipeline',
    on: {
      push: { branches: [branch] },
      workflow_dispatch: {
        inputs: {
          opzenix_execution_id: { type: 'string', required: false },
          opzenix_node_id: { type: 'string', required: false },
          opzenix_job: { type: 'string', required: false, description: 'The one job Opzenix asks for (empty: all)' },
        },
      },
    },
    jobs: Object.fromEntries(jobs.map((node) => {
      const incoming = incomingThroughGates(pipeline, node.id).filter((e) => byId.get(e.source)?.kind !== 'source')
      const needs = incoming.map((e) => jobIds.get(e.source)!)
      const conditions = [...new Set(incoming.map((e) => e.on))]
      const only = `inputs.opzenix_job == '' || inputs.opzenix_job == '${node.id}'`
      const when = conditions.includes('always') ? `always() && (${only})` : conditions.includes('failure') ? `failure() && (${only})` : `${only}`
      const environment = typeof node.config.environment === 'string' ? node.config.environment : undefined
      const job: Record<string, unknown> = {
        name: node.label ?? node.id,
        ...(needs.length > 0 ? { needs } : {}),
        if: `\${{ github.event_name != 'workflow_dispatch' || ${when} }}`,
        'runs-on': 'ubuntu-latest',
        ...(node.kind === 'deploy' && environment ? { environment } : {}),
        steps: [
          { uses: 'actions/checkout@v4' },
          { name: `${node.label ?? node.id} (${node.kind})`, run: `echo "TODO: ${node.kind} step for ${node.id}"` },
        ],
      }
      return [jobIds.get(node.id)!, job]
    })),
  }
  return new Document(body).toString({ lineWidth: 0 })
}

/** The edges into a node, an approval gate in between replaced by the edges into the gate. */
function incomingThroughGates(pipeline: CodePipeline, target: string, seen = new Set<string>()): CodePipeline['edges'] {
  return pipeline.edges.filter((e) => e.target === target).flatMap((e) => {
    const from = pipeline.nodes.find((n) => n.id === e.source)
    if (from?.kind !== 'approval' || seen.has(from.id)) return [e]
    seen.add(from.id)
    return incomingThroughGates(pipeline, from.id, seen).map((g) => ({ ...g, target }))
  })
}
