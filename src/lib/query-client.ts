import { QueryClient } from '@tanstack/react-query'

/** Realtime keeps data fresh, so queries need no polling; a failed read is retried once. */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: { staleTime: 30_000, retry: 1, refetchOnWindowFocus: false },
      mutations: { retry: 0 },
    },
  })
}
