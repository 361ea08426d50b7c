// Which branch mapping a push uses: glob patterns (`*` within one path segment, `**` across segments,
// `?` one character), tried in order (position, then age); the first match wins.

export interface BranchMapping {
  id: string
  branch_pattern: string
  environment_id: string
  flow_template_id: string | null
  is_deployable: boolean
  position: number
  created_at: string
}

export function globToRegExp(pattern: string): RegExp {
  let source = ''
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]
    if (c === '*' && pattern[i + 1] === '*') {
      source += '.*'
      i++
    } else if (c === '*') source += '[^/]*'
    else if (c === '?') source += '[^/]'
    else source += c.replace(/[.+^${}()|[\]\\]/g, '\\$&')
  }
  return new RegExp(`^${source}$`)
}

export const matchesBranch = (pattern: string, branch: string) => globToRegExp(pattern).test(branch)

/** The order mappings are tried in: position, then age (then id, so ties are stable). */
export function orderMappings<M extends Pick<BranchMapping, 'id' | 'position' | 'created_at'>>(mappings: M[]): M[] {
  return [...mappings].sort((a, b) => a.position - b.position || a.created_at.localeCompare(b.created_at) || a.id.localeCompare(b.id))
}

/** The mapping a push to `branch` runs, or undefined when none matches. */
export function pickMapping<M extends BranchMapping>(mappings: M[], branch: string): M | undefined {
  return orderMappings(mappings).find((m) => matchesBranch(m.branch_pattern, branch))
}

/** `refs/heads/release/1.2` → `release/1.2`; tags and other refs → undefined. */
export function branchOf(ref: string): string | undefined {
  return ref.startsWith('refs/heads/') ? ref.slice('refs/heads/'.length) : undefined
}
