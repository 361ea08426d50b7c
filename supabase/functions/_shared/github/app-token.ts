// GitHub App authentication beside the organization token: with the function secrets GITHUB_APP_ID and
// GITHUB_APP_PRIVATE_KEY (the PEM GitHub gives, PKCS#1 or PKCS#8; newlines may be written as \n), Opzenix signs
// an app JWT (RS256, 9 minutes), finds the app's installation on the repository and uses a short-lived
// installation token scoped to that repository. Tokens are kept until a minute before they expire.
import { createPrivateKey } from 'node:crypto'
import { importPKCS8, SignJWT } from 'jose'
import { octokit } from '../connections/github.ts'

export function appConfigured(): boolean {
  return Boolean(Deno.env.get('GITHUB_APP_ID')?.trim() && Deno.env.get('GITHUB_APP_PRIVATE_KEY')?.trim())
}

/** The app's own JWT (iss = app id), valid 9 minutes from a minute ago (GitHub allows 10, clocks drift). */
export async function appJwt(now = Math.floor(Date.now() / 1000)): Promise<string> {
  const pem = Deno.env.get('GITHUB_APP_PRIVATE_KEY')!.replace(/\\n/g, '\n')
  const pkcs8 = createPrivateKey(pem).export({ type: 'pkcs8', format: 'pem' }).toString()
  const key = await importPKCS8(pkcs8, 'RS256')
  return await new SignJWT({}).setProtectedHeader({ alg: 'RS256' }).setIssuer(Deno.env.get('GITHUB_APP_ID')!.trim())
    .setIssuedAt(now - 60).setExpirationTime(now + 540).sign(key)
}

const tokens = new Map<string, { token: string; expiresAt: number }>()

/** An installation token for owner/repo (the app must be installed there; GitHub's 404 says it is not). */
export async function installationToken(owner: string, repo: string, baseUrl?: string): Promise<string> {
  const key = `${baseUrl ?? ''} ${owner}/${repo}`.toLowerCase()
  const cached = tokens.get(key)
  if (cached && cached.expiresAt - Date.now() > 60_000) return cached.token
  const app = octokit(await appJwt(), baseUrl)
  const { data: installation } = await app.request('GET /repos/{owner}/{repo}/installation', { owner, repo })
  const { data } = await app.request('POST /app/installations/{installation_id}/access_tokens', { installation_id: installation.id, repositories: [repo] })
  tokens.set(key, { token: data.token, expiresAt: Date.parse(data.expires_at) })
  return data.token
}
