import { queryOptions, useQuery } from '@tanstack/react-query'
import { invokeFunction } from '../../../lib/functions.ts'
import { queryKeys } from '../../../lib/query-keys.ts'

export interface WebhookSettings {
  integration_id: string
  repository: string
  payload_url: string
  content_type: string
  events: string[]
  secret_set: boolean
}

/** What to paste into GitHub's webhook form, minus the secret (any member; github-api). */
export const getWebhookSettings = (integrationId: string) =>
  invokeFunction<WebhookSettings>(`github-api/integrations/${integrationId}/webhook`, undefined, 'GET')

export const webhookSettingsQuery = (integrationId: string) => queryOptions({
  queryKey: queryKeys.settings.webhook(integrationId),
  queryFn: () => getWebhookSettings(integrationId),
})

export const useWebhookSettings = (integrationId: string) => useQuery(webhookSettingsQuery(integrationId))
