// POST {organization_id, repository?} checks the organization's saved token (members); {organization_id,
// token, repository?} tests a token before saving it (organization admins); {connection_id} checks a github
// connection. Answers the scopes (X-OAuth-Scopes) and, given `owner/name`, the repository's permissions.
import { z } from 'zod'
import { requireCaller } from '../_shared/auth.ts'
import { readConnection, requireOrgRole } from '../_shared/connections/access.ts'
import { checkConnection } from '../_shared/connections/check-connection.ts'
import { validateGithub } from '../_shared/connections/github.ts'
import { runCheck } from '../_shared/connections/result.ts'
import { orgToken } from '../_shared/github/org-token.ts'
import { badRequest, handle, json, readInput } from '../_shared/http.ts'

const Repository = z.string().regex(/^[\w.-]+\/[\w.-]+$/, 'owner/name')
const Input = z.union([
  z.object({ connection_id: z.uuid() }).strict(),
  z.object({ organization_id: z.uuid(), token: z.string().min(1).max(500).optional(), repository: Repository.optional() }).strict(),
])

export const githubValidate = handle(['POST'], async (req) => {
  const caller = await requireCaller(req)
  const input = await readInput(req, Input)
  if ('connection_id' in input) {
    const connection = await readConnection(caller, input.connection_id)
    if (connection.type !== 'github') throw badRequest(`This is a ${connection.type} connection, not a GitHub one`)
    return json(await checkConnection(caller.admin, connection))
  }
  let token = input.token
  if (token) await requireOrgRole(caller, input.organization_id, 'admin', 'test a GitHub token')
  else {
    await requireOrgRole(caller, input.organization_id, 'viewer', 'check its GitHub token')
    token = await orgToken(caller.admin, input.organization_id)
  }
  return json(await runCheck(() => validateGithub(token, input.repository)))
})
