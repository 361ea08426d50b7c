import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs'
import path from 'node:path'
import { parseEnv } from 'node:util'

const ENTRYPOINTS = ['index.ts', 'index.js', 'index.mjs', 'index.tsx', 'index.jsx']
// Files beside the functions that change what every function sees.
const SHARED_FILES = ['import_map.json', '.env']
const NAME = /^[A-Za-z0-9][A-Za-z0-9_-]*$/

/** The entrypoint of `functions/<name>/`, or undefined when there is no such function. */
export function findEntrypoint(functionsDir: string, name: string): string | undefined {
  if (!NAME.test(name)) return undefined
  for (const file of ENTRYPOINTS) {
    const candidate = path.join(functionsDir, name, file)
    if (existsSync(candidate)) return candidate
  }
  return undefined
}

/**
 * A cheap summary of every file a function depends on (its folder, `_shared/`, the shared config files):
 * when it changes, the worker must restart to see the edit.
 */
export function fingerprint(functionsDir: string, name: string): string {
  const parts: string[] = []
  const visit = (target: string) => {
    let stat
    try {
      stat = statSync(target)
    } catch {
      return
    }
    if (stat.isDirectory()) {
      for (const entry of readdirSync(target).sort()) {
        if (entry === 'node_modules' || entry.startsWith('.git')) continue
        visit(path.join(target, entry))
      }
    } else {
      parts.push(`${target}:${stat.size}:${stat.mtimeMs}`)
    }
  }
  visit(path.join(functionsDir, name))
  visit(path.join(functionsDir, '_shared'))
  for (const file of SHARED_FILES) visit(path.join(functionsDir, file))
  return parts.join('\n')
}

/** Secrets from `functions/.env` (dotenv format), as `supabase functions serve` loads them. */
export function readSecrets(functionsDir: string): Record<string, string> {
  const file = path.join(functionsDir, '.env')
  if (!existsSync(file)) return {}
  const secrets = parseEnv(readFileSync(file, 'utf8')) as Record<string, string>
  // The CLI refuses to let a secret shadow the variables it provides itself.
  return Object.fromEntries(Object.entries(secrets).filter(([key]) => !key.startsWith('SUPABASE_')))
}
