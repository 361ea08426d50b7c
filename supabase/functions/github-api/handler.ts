// /github-api/...: an authenticated proxy to GitHub for the UI, and the admin-only writes of GitHub secrets.
import { requireCaller } from '../_shared/auth.ts'
import { handle, HttpError, json, notFound, readInput, routeParts } from '../_shared/http.ts'
import { CreateProject, createProjectFromRepository } from './projects.ts'
import { proxyRead, rotateWebhookSecret, SaveToken, saveToken, webhookSettings } from './routes.ts'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

export const githubApi = handle(['GET', 'POST'], async (req) => {
  const caller = await requireCaller(req)
  const url = new URL(req.url)
  const parts = routeParts(req, 'github-api')
  const method = req.method

  if (method === 'POST' && parts.join('/') === 'token') return json(await saveToken(caller, await readInput(req, SaveToken)), 201)
  if (method === 'POST' && parts.join('/') === 'projects') {
    return json(await createProjectFromRepository(caller, await readInput(req, CreateProject)), 201)
  }
  if (parts[0] === 'integrations' && parts.length === 3 && UUID.test(parts[1])) {
    if (method === 'GET' && parts[2] === 'webhook') return json(await webhookSettings(caller, parts[1]))
    if (method === 'POST' && parts[2] === 'webhook-secret') return json(await rotateWebhookSecret(caller, parts[1]))
  }
  if (parts[0] === 'repos') {
    if (method !== 'GET') throw new HttpError(405, 'method_not_allowed', 'Use GET')
    return json(await proxyRead(caller, url, parts))
  }
  throw notFound('Unknown github-api path')
})
