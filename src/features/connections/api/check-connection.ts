import { useMutation, useQueryClient } from '@tanstack/react-query'
import { invokeFunction } from '../../../lib/functions.ts'
import { queryKeys } from '../../../lib/query-keys.ts'
import type { ConnectionStatus } from '../lib/health-summary.ts'

export interface CheckResult {
  connection_id: string
  ok: boolean
  status: ConnectionStatus
  response_time_ms: number
  message: string
}

/** "Check now": connection-health-check checks the connection and records the result (operators and admins). */
export const checkConnection = (connectionId: string) =>
  invokeFunction<CheckResult>('connection-health-check', { connection_id: connectionId })

export function useCheckConnection() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: checkConnection,
    onSettled: () => queryClient.invalidateQueries({ queryKey: queryKeys.connections.all }),
  })
}
