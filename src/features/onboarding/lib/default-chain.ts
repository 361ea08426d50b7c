import type { Enums } from '../../../integrations/supabase/types.ts'

export interface ChainEnvironment {
  key: string
  display_name: string
  tier: Enums<'environment_tier'>
  required_approvals: number
  deploy_strategy: Enums<'deploy_strategy'>
}

/** The promotion chain most teams start from: nothing gated until preprod, prod needs two approvals. */
export const DEFAULT_CHAIN: ChainEnvironment[] = [
  { key: 'dev', display_name: 'Development', tier: 'development', required_approvals: 0, deploy_strategy: 'rolling' },
  { key: 'uat', display_name: 'User acceptance', tier: 'testing', required_approvals: 0, deploy_strategy: 'rolling' },
  { key: 'staging', display_name: 'Staging', tier: 'staging', required_approvals: 0, deploy_strategy: 'rolling' },
  { key: 'preprod', display_name: 'Pre-production', tier: 'preproduction', required_approvals: 1, deploy_strategy: 'blue_green' },
  { key: 'prod', display_name: 'Production', tier: 'production', required_approvals: 2, deploy_strategy: 'blue_green' },
]

const KEY = /^[a-z][a-z0-9_-]*$/

/** What is wrong with a chain before it is saved, one sentence per problem (empty when it can be created). */
export function chainProblems(chain: ChainEnvironment[]): string[] {
  const problems: string[] = []
  if (chain.length === 0) problems.push('Add at least one environment, or skip this step.')
  const seen = new Set<string>()
  chain.forEach((env, i) => {
    const where = `Environment ${i + 1}`
    if (!KEY.test(env.key)) problems.push(`${where}: the key must start with a letter and use only a-z, 0-9, - and _ (e.g. qa).`)
    else if (seen.has(env.key)) problems.push(`${where}: the key ${env.key} is used twice.`)
    seen.add(env.key)
    if (!env.display_name.trim()) problems.push(`${where}: give it a display name.`)
    if (!Number.isInteger(env.required_approvals) || env.required_approvals < 0 || env.required_approvals > 50) {
      problems.push(`${where}: required approvals must be a whole number from 0 to 50.`)
    }
  })
  return problems
}
