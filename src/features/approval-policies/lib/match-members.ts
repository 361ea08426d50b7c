/** Members whose name or email contains every word of `search`, case-insensitively (an empty search: everyone). */
export function matchMembers<M extends { name: string; email: string }>(members: M[], search: string): M[] {
  const words = search.toLowerCase().split(/\s+/).filter(Boolean)
  return members.filter((m) => words.every((w) => m.name.toLowerCase().includes(w) || m.email.toLowerCase().includes(w)))
}
