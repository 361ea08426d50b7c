import { existsSync, readFileSync } from 'node:fs'
import { mkdir, symlink, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

const here = path.dirname(fileURLToPath(import.meta.url))
/** The repository's node_modules: where `npm:` and bare imports of functions resolve from (no downloads). */
export const NODE_MODULES = path.resolve(here, '../../node_modules')
export const DENO_BINARY = path.join(NODE_MODULES, '@deno/linux-x64-glibc/deno')
export const BOOTSTRAP = path.join(here, 'bootstrap.ts')

interface DenoConfig {
  imports?: Record<string, string>
  scopes?: Record<string, Record<string, string>>
  compilerOptions?: Record<string, unknown>
}

/**
 * The import map a function uses, where `supabase functions deploy` looks for it: the function's own
 * deno.json, else the project-wide fallback `functions/import_map.json`.
 */
function projectConfigFile(functionsDir: string, name: string): string | undefined {
  const candidates = [path.join(functionsDir, name, 'deno.json'), path.join(functionsDir, 'import_map.json')]
  return candidates.find((file) => existsSync(file))
}

function rebase(map: Record<string, string> | undefined, base: string): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [key, value] of Object.entries(map ?? {})) {
    out[key] = /^\.{0,2}\//.test(value) ? new URL(value, pathToFileURL(base)).href : value
  }
  return out
}

/**
 * Writes the deno.json a worker runs with: the function's own imports (relative targets made absolute)
 * and `nodeModulesDir: manual` beside a link to the repository's node_modules, so that `npm:` imports
 * resolve locally wherever the project lives.
 */
export async function writeDenoConfig(functionsDir: string, name: string, runtimeDir: string): Promise<string> {
  const source = projectConfigFile(functionsDir, name)
  const project: DenoConfig = source ? JSON.parse(readFileSync(source, 'utf8')) : {}
  const scopes: Record<string, Record<string, string>> = {}
  for (const [scope, map] of Object.entries(project.scopes ?? {})) {
    scopes[new URL(scope, pathToFileURL(source!)).href] = rebase(map, source!)
  }
  const config = {
    nodeModulesDir: 'manual',
    imports: {
      'jsr:@supabase/functions-js/edge-runtime.d.ts': pathToFileURL(path.join(here, 'edge-runtime-types.ts')).href,
      ...rebase(project.imports, source ?? functionsDir),
    },
    scopes,
    ...(project.compilerOptions ? { compilerOptions: project.compilerOptions } : {}),
  }
  const dir = path.join(runtimeDir, name)
  await mkdir(dir, { recursive: true })
  const link = path.join(dir, 'node_modules')
  if (!existsSync(link)) await symlink(NODE_MODULES, link, 'dir').catch(() => {})
  const file = path.join(dir, 'deno.json')
  await writeFile(file, JSON.stringify(config, null, 2))
  return file
}
