// POST {connection_id} (members) or {organization_id, registry_url, username?, password?} (organization
// admins, to test a form before saving): the Docker Registry HTTP API v2 /v2/ check.
import { z } from 'zod'
import { requireCaller } from '../_shared/auth.ts'
import { readConnection, requireOrgRole } from '../_shared/connections/access.ts'
import { checkConnection } from '../_shared/connections/check-connection.ts'
import { validateRegistry } from '../_shared/connections/registry.ts'
import { runCheck } from '../_shared/connections/result.ts'
import { badRequest, handle, json, readInput } from '../_shared/http.ts'

const Input = z.union([
  z.object({ connection_id: z.uuid() }).strict(),
  z.object({
    organization_id: z.uuid(), registry_url: z.string().min(1).max(500),
    username: z.string().max(200).optional(), password: z.string().max(4000).optional(),
  }).strict(),
])

export const registryValidate = handle(['POST'], async (req) => {
  const caller = await requireCaller(req)
  const input = await readInput(req, Input)
  if ('connection_id' in input) {
    const connection = await readConnection(caller, input.connection_id)
    if (connection.type !== 'container_registry') throw badRequest(`This is a ${connection.type} connection, not a container registry`)
    return json(await checkConnection(caller.admin, connection))
  }
  await requireOrgRole(caller, input.organization_id, 'admin', 'test registry credentials')
  try {
    new URL(/^https?:\/\//.test(input.registry_url) ? input.registry_url : `https://${input.registry_url}`)
  } catch {
    throw badRequest('registry_url is not a host or URL')
  }
  return json(await runCheck(() => validateRegistry(input)))
})
