// What a repository is built with, read from the names of its root files (GitHub's contents listing) and its
// language breakdown (bytes per language). The first matching rule wins, so lock files that name a package
// manager come before the manifest they lock.

export interface DetectedStack {
  /** GitHub's main language (the most bytes), or null for an empty repository. */
  language: string | null
  /** npm, pnpm, yarn, bun, maven, gradle, go, cargo, poetry, pip, dotnet, bundler, composer, mix, make, docker; null if none. */
  buildTool: string | null
  /** Languages by share of bytes, largest first, rounded to whole percent. */
  languages: Array<{ name: string; percent: number }>
}

const RULES: Array<[tool: string, matches: (name: string) => boolean]> = [
  ['pnpm', (n) => n === 'pnpm-lock.yaml'],
  ['yarn', (n) => n === 'yarn.lock'],
  ['bun', (n) => n === 'bun.lockb' || n === 'bun.lock'],
  ['npm', (n) => n === 'package-lock.json' || n === 'package.json'],
  ['maven', (n) => n === 'pom.xml'],
  ['gradle', (n) => n === 'build.gradle' || n === 'build.gradle.kts' || n === 'settings.gradle.kts'],
  ['go', (n) => n === 'go.mod'],
  ['cargo', (n) => n === 'Cargo.toml'],
  ['poetry', (n) => n === 'poetry.lock'],
  ['pip', (n) => n === 'requirements.txt' || n === 'pyproject.toml' || n === 'setup.py'],
  ['dotnet', (n) => n.endsWith('.sln') || n.endsWith('.csproj') || n.endsWith('.fsproj')],
  ['bundler', (n) => n === 'Gemfile'],
  ['composer', (n) => n === 'composer.json'],
  ['mix', (n) => n === 'mix.exs'],
  ['make', (n) => n === 'Makefile'],
  ['docker', (n) => n === 'Dockerfile'],
]

export function detectStack(rootFiles: string[], languageBytes: Record<string, number>): DetectedStack {
  const buildTool = RULES.find(([, matches]) => rootFiles.some(matches))?.[0] ?? null
  const total = Object.values(languageBytes).reduce((sum, bytes) => sum + bytes, 0)
  const languages = Object.entries(languageBytes)
    .sort(([, a], [, b]) => b - a)
    .map(([name, bytes]) => ({ name, percent: total ? Math.round((bytes / total) * 100) : 0 }))
  return { language: languages[0]?.name ?? null, buildTool, languages }
}
