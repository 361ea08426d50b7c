import { queryOptions, useQuery } from '@tanstack/react-query'
import type { DeliveryStatus } from '../../../components/status-badge.tsx'
import { queryKeys } from '../../../lib/query-keys.ts'
import { supabase } from '../../../lib/supabase.ts'

export const DELIVERIES_PAGE_SIZE = 10

/** One page of an integration's webhook deliveries, newest first (project members, by RLS). */
export async function listDeliveries(integrationId: string, page: number, signal?: AbortSignal) {
  const from = page * DELIVERIES_PAGE_SIZE
  const { data, error, count } = await supabase.from('webhook_deliveries')
    .select('id, delivery_id, event, status, result, error, received_at, processed_at', { count: 'exact' })
    .eq('github_integration_id', integrationId)
    .order('received_at', { ascending: false }).order('id')
    .range(from, from + DELIVERIES_PAGE_SIZE - 1).abortSignal(signal!)
  if (error) throw error
  return { rows: data.map((d) => ({ ...d, status: d.status as DeliveryStatus })), total: count ?? data.length }
}

export type Delivery = Awaited<ReturnType<typeof listDeliveries>>['rows'][number]

export const deliveriesQuery = (integrationId: string, page: number) => queryOptions({
  queryKey: queryKeys.settings.deliveriesPage(integrationId, page),
  queryFn: ({ signal }) => listDeliveries(integrationId, page, signal),
  placeholderData: (previous) => previous,
})

export const useDeliveries = (integrationId: string, page: number) => useQuery(deliveriesQuery(integrationId, page))
