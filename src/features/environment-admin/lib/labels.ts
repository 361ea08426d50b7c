import type { Enums } from '../../../integrations/supabase/types.ts'

export const TIER_LABELS = {
  development: 'Development', testing: 'Testing', staging: 'Staging', preproduction: 'Pre-production', production: 'Production',
} as const satisfies Record<Enums<'environment_tier'>, string>

export const STRATEGY_LABELS = {
  rolling: 'Rolling', canary: 'Canary', blue_green: 'Blue-green',
} as const satisfies Record<Enums<'deploy_strategy'>, string>
