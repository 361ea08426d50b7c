import { mkdtempSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { decodeJwt } from 'jose'
import { describe, expect, it } from 'vitest'
import { loadConfig, parseDuration, parseSize } from './config.ts'
import { verifyJwt } from './jwt.ts'

function projectWith(toml: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'opzenix-config-'))
  writeFileSync(path.join(dir, 'config.toml'), toml)
  return dir
}

describe('loadConfig', () => {
  it('falls back to the Supabase CLI defaults for every key config.toml leaves out', () => {
    const config = loadConfig({ workdir: projectWith('project_id = "empty"\n') })
    expect(config.apiPort).toBe(54321)
    expect(config.dbPort).toBe(54322)
    expect(config.api).toEqual({ schemas: ['public', 'graphql_public'], extraSearchPath: ['public', 'extensions'], maxRows: 1000 })
    expect(config.auth.emailEnableConfirmations).toBe(false)
    expect(config.auth.minimumPasswordLength).toBe(6)
    expect(config.auth.jwtExpiry).toBe(3600)
    expect(config.storage.fileSizeLimit).toBe(50 * 1024 * 1024)
  })

  it('reads ports, buckets and per-function settings from config.toml', () => {
    const config = loadConfig({
      workdir: projectWith(`
[api]
port = 60001
[db]
port = 60002
[storage.buckets.avatars]
public = true
file_size_limit = "2MiB"
[functions.hook]
verify_jwt = false
`),
    })
    expect(config.apiPort).toBe(60001)
    expect(config.dbPort).toBe(60002)
    expect(config.storage.buckets.avatars).toEqual({ public: true, fileSizeLimit: 2 * 1024 * 1024, allowedMimeTypes: undefined })
    expect(config.functions.hook.verifyJwt).toBe(false)
  })

  it('lets flags override config.toml ports so tests can run beside npm start', () => {
    const config = loadConfig({ workdir: projectWith('[api]\nport = 60001\n'), apiPort: 61000 })
    expect(config.apiPort).toBe(61000)
  })

  it('ships the CLI demo keys, signed with the CLI demo secret and carrying their roles', async () => {
    const config = loadConfig({ workdir: projectWith('') })
    await expect(verifyJwt(config.anonKey, config.jwtSecret)).resolves.toMatchObject({ role: 'anon' })
    await expect(verifyJwt(config.serviceRoleKey, config.jwtSecret)).resolves.toMatchObject({ role: 'service_role' })
    expect(decodeJwt(config.anonKey).iss).toBe('supabase-demo')
  })
})

describe('parseDuration', () => {
  it('reads the CLI\'s Go durations in seconds', () => {
    expect(parseDuration('1s', 0)).toBe(1)
    expect(parseDuration('60s', 0)).toBe(60)
    expect(parseDuration('1m30s', 0)).toBe(90)
    expect(parseDuration('500ms', 0)).toBe(0.5)
    expect(parseDuration(undefined, 7)).toBe(7)
    expect(() => parseDuration('soon', 0)).toThrow(/cannot read duration "soon"/)
  })
})

describe('parseSize', () => {
  it('reads the units config.toml uses', () => {
    expect(parseSize('50MiB', 0)).toBe(52_428_800)
    expect(parseSize('5MB', 0)).toBe(5_000_000)
    expect(parseSize('1024', 0)).toBe(1024)
    expect(parseSize(undefined, 7)).toBe(7)
  })

  it('refuses a size it cannot read', () => {
    expect(() => parseSize('lots', 0)).toThrow(/cannot read size/)
  })
})
