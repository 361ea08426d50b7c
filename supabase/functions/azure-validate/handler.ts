// POST {connection_id} (members: credentials from the connection's secret) or, to test a form before saving,
// {organization_id, tenant_id, client_id, client_secret, subscription_id} (organization admins).
import { z } from 'zod'
import { requireCaller } from '../_shared/auth.ts'
import { readConnection, requireOrgRole } from '../_shared/connections/access.ts'
import { checkConnection } from '../_shared/connections/check-connection.ts'
import { validateAzure } from '../_shared/connections/azure.ts'
import { runCheck } from '../_shared/connections/result.ts'
import { badRequest, handle, json, readInput } from '../_shared/http.ts'

const Input = z.union([
  z.object({ connection_id: z.uuid() }).strict(),
  z.object({
    organization_id: z.uuid(), tenant_id: z.string().min(1), client_id: z.string().min(1),
    client_secret: z.string().min(1), subscription_id: z.string().min(1),
  }).strict(),
])

export const azureValidate = handle(['POST'], async (req) => {
  const caller = await requireCaller(req)
  const input = await readInput(req, Input)
  if ('connection_id' in input) {
    const connection = await readConnection(caller, input.connection_id)
    if (connection.type !== 'azure') throw badRequest(`This is a ${connection.type} connection, not an Azure one`)
    return json(await checkConnection(caller.admin, connection))
  }
  await requireOrgRole(caller, input.organization_id, 'admin', 'test Azure credentials')
  return json(await runCheck(() => validateAzure(input)))
})
