import { useMutation, useQueryClient } from '@tanstack/react-query'
import { invokeFunction } from '../../../lib/functions.ts'
import { queryKeys } from '../../../lib/query-keys.ts'
import type { WebhookSettings } from './webhook-settings.ts'

export type GeneratedSecret = Omit<WebhookSettings, 'secret_set' | 'repository'> & { secret: string }

/** A new webhook secret, stored sealed by github-api and returned this once (project admins). */
export const generateWebhookSecret = (integrationId: string) =>
  invokeFunction<GeneratedSecret>(`github-api/integrations/${integrationId}/webhook-secret`)

export function useGenerateWebhookSecret(integrationId: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: () => generateWebhookSecret(integrationId),
    onSettled: () => queryClient.invalidateQueries({ queryKey: queryKeys.settings.webhook(integrationId) }),
  })
}
