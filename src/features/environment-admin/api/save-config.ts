import { useMutation, useQueryClient } from '@tanstack/react-query'
import { z } from 'zod'
import { invokeFunction } from '../../../lib/functions.ts'
import { queryKeys } from '../../../lib/query-keys.ts'
import type { ConfigChange, SecretRef, Variables } from '../lib/shared.ts'

export const reasonSchema = z.object({ reason: z.string().trim().min(5, 'Say why in at least 5 characters').max(500) })

interface Saved { version: { version: number }; changes: ConfigChange[] }

export interface SaveConfigInput { variables: Variables; secrets: SecretRef[]; reason: string; baseVersion: number }

/** Saves a new version through update-environment-config; a stale base version is refused (409), not merged. */
export function saveConfig(environmentId: string, input: SaveConfigInput) {
  return invokeFunction<Saved>('update-environment-config', {
    environment_id: environmentId, variables: input.variables, secrets: input.secrets, reason: input.reason, base_version: input.baseVersion,
  })
}

/** Makes an earlier version's content the new version. */
export function restoreConfig(environmentId: string, version: number, reason: string, baseVersion: number) {
  return invokeFunction<Saved>('update-environment-config/restore', { environment_id: environmentId, version, reason, base_version: baseVersion })
}

export function useSaveConfig(environmentId: string) {
  const client = useQueryClient()
  const settle = () => client.invalidateQueries({ queryKey: queryKeys.environments.config(environmentId) })
  return {
    save: useMutation({ mutationFn: (input: SaveConfigInput) => saveConfig(environmentId, input), onSettled: settle }),
    restore: useMutation({
      mutationFn: (input: { version: number; reason: string; baseVersion: number }) => restoreConfig(environmentId, input.version, input.reason, input.baseVersion),
      onSettled: settle,
    }),
  }
}
