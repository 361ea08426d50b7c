import { describe, expect, it } from 'vitest'
import { detectStack } from './detect-stack.ts'

describe('detectStack', () => {
  it('names the package manager a lock file shows before the manifest it locks', () => {
    expect(detectStack(['package.json', 'pnpm-lock.yaml', 'Dockerfile'], {}).buildTool).toBe('pnpm')
    expect(detectStack(['package.json', 'README.md'], {}).buildTool).toBe('npm')
    expect(detectStack(['pyproject.toml', 'poetry.lock'], {}).buildTool).toBe('poetry')
  })

  it('recognises JVM, Go, Rust and .NET projects, and falls back to Docker or nothing', () => {
    expect(detectStack(['pom.xml'], {}).buildTool).toBe('maven')
    expect(detectStack(['build.gradle.kts', 'gradlew'], {}).buildTool).toBe('gradle')
    expect(detectStack(['go.mod', 'go.sum'], {}).buildTool).toBe('go')
    expect(detectStack(['Cargo.toml'], {}).buildTool).toBe('cargo')
    expect(detectStack(['Payments.sln'], {}).buildTool).toBe('dotnet')
    expect(detectStack(['Dockerfile', 'README.md'], {}).buildTool).toBe('docker')
    expect(detectStack(['README.md'], {}).buildTool).toBeNull()
  })

  it('takes the language with the most bytes and gives every share in whole percent', () => {
    expect(detectStack([], { Shell: 1_000, TypeScript: 90_000, CSS: 9_000 })).toEqual({
      language: 'TypeScript', buildTool: null,
      languages: [{ name: 'TypeScript', percent: 90 }, { name: 'CSS', percent: 9 }, { name: 'Shell', percent: 1 }],
    })
    expect(detectStack([], {}).language).toBeNull()
  })
})
