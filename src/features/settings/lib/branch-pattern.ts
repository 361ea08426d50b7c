// Inline checks for a branch mapping's glob: patterns that are malformed, or that no git branch name could
// ever match (git check-ref-format forbids these characters and shapes), so the mapping would be dead.

const FORBIDDEN: [string, string][] = [
  ['~', '~'], ['^', '^'], [':', ':'], ['\\', 'a backslash'], ['[', '['], ['..', '..'], ['@{', '@{'],
]

/** Why `pattern` cannot work as a branch mapping, or undefined when it can. */
export function branchPatternProblem(raw: string): string | undefined {
  const pattern = raw.trim()
  if (!pattern) return 'Enter a branch pattern, e.g. main or release/*'
  if (pattern.length > 255) return 'Keep the pattern under 256 characters'
  if (/\s/.test(pattern)) return 'Branch names cannot contain spaces'
  if (pattern.startsWith('refs/')) return 'Leave out refs/heads/: patterns match the branch name itself'
  for (const [text, name] of FORBIDDEN) {
    if (pattern.includes(text)) return `Git branch names cannot contain ${name}, so this pattern would never match`
  }
  if (pattern.startsWith('/') || pattern.endsWith('/') || pattern.includes('//')) {
    return 'Branch names cannot start or end with / or contain //, so this pattern would never match'
  }
  if (pattern.endsWith('.') || pattern.endsWith('.lock')) return 'Branch names cannot end with . or .lock'
  if (pattern.split('/').some((segment) => segment.startsWith('.'))) return 'No part of a branch name can start with .'
  return undefined
}
