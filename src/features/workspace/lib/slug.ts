/** The longest slug the create form derives (a URL part, not a sentence). */
export const SLUG_MAX = 48

/** organizations.slug's check constraint. */
export const SLUG_PATTERN = /^[a-z0-9][a-z0-9-]*$/

/**
 * A slug from a name: lowercase ASCII letters and digits, accents dropped, every other run of characters one
 * dash, no dash at either end, at most SLUG_MAX characters. Empty when the name has no letter or digit.
 */
export function slugify(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/ß/g, 'ss')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+/, '')
    .slice(0, SLUG_MAX)
    .replace(/-+$/, '')
}
