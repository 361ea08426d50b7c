import type { Enums } from '../../../integrations/supabase/types.ts'

export const strategyLabel = {
  rolling: 'Rolling',
  canary: 'Canary',
  blue_green: 'Blue-green',
} satisfies Record<Enums<'deploy_strategy'>, string>

export const tierLabel = {
  development: 'Development',
  testing: 'Testing',
  staging: 'Staging',
  preproduction: 'Pre-production',
  production: 'Production',
} satisfies Record<Enums<'environment_tier'>, string>
