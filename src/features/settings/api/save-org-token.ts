import { useMutation, useQueryClient } from '@tanstack/react-query'
import { z } from 'zod'
import { invokeFunction } from '../../../lib/functions.ts'
import { queryKeys } from '../../../lib/query-keys.ts'

export const tokenInput = z.object({
  token: z.string().trim().min(20, 'A GitHub token is at least 20 characters').max(500, 'That is too long for a GitHub token'),
})
export type TokenInput = z.infer<typeof tokenInput>

/** github-api checks the token against GitHub (a rejected one is 422), then stores it sealed (organization admins). */
export const saveOrgToken = (orgId: string, input: TokenInput) =>
  invokeFunction<{ id: string; token_hint: string; scopes: string[] }>('github-api/token', { organization_id: orgId, token: tokenInput.parse(input).token })

export function useSaveOrgToken(orgId: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (input: TokenInput) => saveOrgToken(orgId, input),
    onSettled: () => queryClient.invalidateQueries({ queryKey: queryKeys.settings.token(orgId) }),
  })
}
