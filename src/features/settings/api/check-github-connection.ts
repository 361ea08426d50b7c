import { useMutation } from '@tanstack/react-query'
import { invokeFunction } from '../../../lib/functions.ts'

export interface ConnectionCheck {
  ok: boolean
  status: 'unknown' | 'healthy' | 'degraded' | 'down'
  response_time_ms: number
  message: string
  details?: { login?: string; scopes?: string[]; missing_scopes?: string[]; repository?: { full_name?: string } }
}

/** Checks the organization's saved token (and, given owner/name, that repository) with github-validate-connection. */
export const checkGithubConnection = (orgId: string, repository?: string) =>
  invokeFunction<ConnectionCheck>('github-validate-connection', { organization_id: orgId, ...(repository ? { repository } : {}) })

export const useCheckGithubConnection = (orgId: string) =>
  useMutation({ mutationFn: (repository?: string) => checkGithubConnection(orgId, repository) })
