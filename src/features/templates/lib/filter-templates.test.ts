import { describe, expect, it } from 'vitest'
import { facets, filterTemplates, parseTags, usageLabel, type TemplateFacts } from './filter-templates.ts'

const t = (name: string, flow_type: TemplateFacts['flow_type'], category: string, tags: string[], popularity: number, description: string | null = null): TemplateFacts =>
  ({ name, flow_type, category, tags, popularity, description })

const library = [
  t('Go service', 'cicd', 'Language starters', ['go', 'starter'], 2, 'Builds, tests and scans a Go project'),
  t('Java service (Maven)', 'cicd', 'Language starters', ['java', 'maven', 'starter'], 5),
  t('Model training and serving', 'mlops', 'Machine learning', ['training', 'drift'], 5),
  t('Terraform plan, policy check and apply', 'infrastructure', 'Infrastructure as code', ['terraform', 'opa'], 0),
]

describe('the template library filter', () => {
  it('orders by use, then by name', () => {
    expect(filterTemplates(library, {}).map((x) => x.name)).toEqual([
      'Java service (Maven)', 'Model training and serving', 'Go service', 'Terraform plan, policy check and apply',
    ])
  })

  it('narrows by flow type, category and tag together', () => {
    expect(filterTemplates(library, { type: 'cicd' }).map((x) => x.name)).toEqual(['Java service (Maven)', 'Go service'])
    expect(filterTemplates(library, { type: 'cicd', tag: 'go' }).map((x) => x.name)).toEqual(['Go service'])
    expect(filterTemplates(library, { category: 'Machine learning' }).map((x) => x.name)).toEqual(['Model training and serving'])
    expect(filterTemplates(library, { type: 'mlops', tag: 'go' })).toEqual([])
  })

  it('searches every word in name, description, category and tags, ignoring case', () => {
    expect(filterTemplates(library, { search: 'TERRAFORM' }).map((x) => x.name)).toEqual(['Terraform plan, policy check and apply'])
    expect(filterTemplates(library, { search: 'scans go' }).map((x) => x.name)).toEqual(['Go service'])
    expect(filterTemplates(library, { search: 'maven drift' })).toEqual([])
    expect(filterTemplates(library, { search: 'starters' }).length).toBe(2)
  })

  it('counts categories and tags, most common first', () => {
    const { categories, tags } = facets(library)
    expect(categories[0]).toEqual(['Language starters', 2])
    expect(tags[0]).toEqual(['starter', 2])
    expect(tags).toContainEqual(['opa', 1])
  })
})

describe('template words', () => {
  it('says how often a template was used', () => {
    expect([0, 1, 7].map(usageLabel)).toEqual(['Not used yet', 'Used once', 'Used 7 times'])
  })

  it('reads tags typed with commas or spaces', () => {
    expect(parseTags('Payments, hotfix  internal,,payments')).toEqual(['payments', 'hotfix', 'internal'])
    expect(parseTags('  ')).toEqual([])
  })
})
