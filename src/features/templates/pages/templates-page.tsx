import { useMemo, useState } from 'react'
import { useSearchParams } from 'react-router'
import { EmptyState, ErrorState, LoadingRows, PageHeader } from '../../../components/states.tsx'
import { can } from '../../../lib/permissions.ts'
import { useOrganization, useProject, useWorkspace } from '../../../lib/workspace.ts'
import { useTemplates } from '../api/list-templates.ts'
import { PublishDialog } from '../components/publish-dialog.tsx'
import { TemplateCard } from '../components/template-card.tsx'
import { TemplateDialog } from '../components/template-dialog.tsx'
import { TemplateFilters, type FilterState } from '../components/template-filters.tsx'
import { facets, filterTemplates } from '../lib/filter-templates.ts'
import { FLOW_TYPES, type FlowType } from '../lib/shared.ts'

/** The template library: browse by flow type, category and tag, search, preview, use one, publish your own. */
export default function TemplatesPage() {
  const project = useProject()
  const organization = useOrganization()
  const { role, projects, setProject } = useWorkspace()
  const templates = useTemplates(organization.id)
  const [params, setParams] = useSearchParams()
  const [openId, setOpenId] = useState<string | null>(null)
  const type = params.get('type')
  const filter: FilterState = {
    type: (FLOW_TYPES as readonly string[]).includes(type ?? '') ? type as FlowType : null,
    category: params.get('category'), tag: params.get('tag'), search: params.get('q') ?? '',
  }
  const change = (next: Partial<FilterState>) => {
    const merged = { ...filter, ...next }
    const entries = { type: merged.type, category: merged.category, tag: merged.tag, q: merged.search }
    setParams(Object.fromEntries(Object.entries(entries).filter(([, v]) => v)) as Record<string, string>, { replace: true })
  }
  const rows = templates.data ?? []
  const shown = useMemo(() => filterTemplates(rows, filter), [rows, filter.type, filter.category, filter.tag, filter.search]) // eslint-disable-line react-hooks/exhaustive-deps -- filter is rebuilt from the URL each render
  const { categories, tags } = useMemo(() => facets(rows), [rows])
  const open = rows.find((t) => t.id === openId)
  const canPublish = can(role, 'editPipelines')

  return (
    <>
      <PageHeader
        title="Templates"
        description={`Start a pipeline in ${project.name} from a template, or share one of yours with ${organization.name}.`}
        actions={canPublish ? <PublishDialog project={project} organization={organization} onPublished={(name) => change({ type: null, category: null, tag: null, search: name })} /> : undefined}
      />
      <TemplateFilters value={filter} onChange={change} categories={categories} tags={tags} />
      {templates.isPending ? <LoadingRows rows={6} />
        : templates.isError ? <ErrorState error={templates.error} onRetry={() => void templates.refetch()} />
        : shown.length === 0 ? <EmptyState title="No template matches" description={rows.length ? 'Try another flow type, category, tag or search.' : 'No templates yet.'} />
        : (
          <>
            <p className="mb-2 text-xs text-muted-foreground" aria-live="polite">{shown.length} of {rows.length} templates, most used first</p>
            <ul className="grid gap-3 sm:grid-cols-2 xl:grid-cols-3" aria-label="Templates">
              {shown.map((t) => <TemplateCard key={t.id} template={t} onOpen={() => setOpenId(t.id)} />)}
            </ul>
          </>
        )}
      {open && (
        <TemplateDialog
          template={open} project={project} onClose={() => setOpenId(null)}
          projects={projects.filter((p) => can(p.role, 'editPipelines'))} onProjectChosen={setProject}
          canUse={canPublish ? null : 'Viewers can look at templates; creating a pipeline from one needs the operator role.'}
        />
      )}
    </>
  )
}
