import type { FlowType } from './shared.ts'

/** What the library needs of a template to filter and order it. */
export interface TemplateFacts {
  name: string
  description: string | null
  category: string
  flow_type: FlowType
  tags: string[]
  popularity: number
}

export interface TemplateFilter {
  type?: FlowType | null
  category?: string | null
  tag?: string | null
  /** Words that must all appear in the name, description, category or tags (case-insensitive). */
  search?: string
}

/** The templates that pass every filter, most used first, then by name. */
export function filterTemplates<T extends TemplateFacts>(templates: readonly T[], filter: TemplateFilter): T[] {
  const words = (filter.search ?? '').toLowerCase().split(/\s+/).filter(Boolean)
  return templates
    .filter((t) => !filter.type || t.flow_type === filter.type)
    .filter((t) => !filter.category || t.category === filter.category)
    .filter((t) => !filter.tag || t.tags.includes(filter.tag))
    .filter((t) => {
      if (words.length === 0) return true
      const text = [t.name, t.description ?? '', t.category, ...t.tags].join(' ').toLowerCase()
      return words.every((w) => text.includes(w))
    })
    .sort((a, b) => b.popularity - a.popularity || a.name.localeCompare(b.name))
}

/** Categories and tags among `templates`, each with how many templates carry it, most common first. */
export function facets(templates: readonly TemplateFacts[]): { categories: [string, number][]; tags: [string, number][] } {
  const count = (values: string[]) => {
    const counts = new Map<string, number>()
    for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1)
    return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
  }
  return { categories: count(templates.map((t) => t.category)), tags: count(templates.flatMap((t) => t.tags)) }
}

/** "Used once", "Used 12 times", "Not used yet". */
export function usageLabel(popularity: number): string {
  if (popularity === 0) return 'Not used yet'
  return popularity === 1 ? 'Used once' : `Used ${popularity} times`
}

/** Tags typed as "a, b  c" → ['a', 'b', 'c'], lowercase, without repeats. */
export function parseTags(text: string): string[] {
  return [...new Set(text.toLowerCase().split(/[\s,]+/).map((t) => t.trim()).filter(Boolean))]
}
