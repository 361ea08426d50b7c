import { ArrowDown, ArrowUp, Pencil, Plus, Trash2 } from 'lucide-react'
import { ConfirmDialog } from '../../../components/confirm-dialog.tsx'
import { EmptyState, ErrorState, LoadingRows } from '../../../components/states.tsx'
import { Alert } from '../../../components/ui/alert.tsx'
import { Badge } from '../../../components/ui/badge.tsx'
import { Button } from '../../../components/ui/button.tsx'
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '../../../components/ui/table.tsx'
import { useBranchMappings, type BranchMappingRow } from '../api/list-branch-mappings.ts'
import type { Integration } from '../api/list-integrations.ts'
import { useMappingOptions } from '../api/mapping-options.ts'
import { useBranchMappingMutations, type MappingInput } from '../api/save-branch-mapping.ts'
import { moveMapping, nextPosition } from '../lib/reorder.ts'
import { BranchTester } from './branch-tester.tsx'
import { MappingForm } from './mapping-form.tsx'
import { SectionHeading } from './section-heading.tsx'

/** docs/github.md step 4: which push starts what, in first-match order. */
export function BranchMappingsSection({ projectId, integrations, canManage }: { projectId: string; integrations: Integration[]; canManage: boolean }) {
  const mappings = useBranchMappings(projectId)
  const options = useMappingOptions(projectId)
  const { save, remove, move } = useBranchMappingMutations(projectId)
  const failure = remove.error ?? move.error
  const name = (list: { id: string; name?: string; display_name?: string }[], id: string | null, none: string) =>
    id ? (list.find((x) => x.id === id)?.display_name ?? list.find((x) => x.id === id)?.name ?? 'unknown') : none
  const repo = (id: string | null) => {
    const i = integrations.find((x) => x.id === id)
    return id ? (i ? `${i.repository_owner}/${i.repository_name}` : 'unknown') : 'All repositories'
  }
  const ready = mappings.data && options.data
  const describe = (m: BranchMappingRow) => ({
    environment: name(options.data?.environments ?? [], m.environment_id, ''),
    pipeline: name(options.data?.pipelines ?? [], m.flow_template_id, 'no pipeline'),
  })
  const toInput = (m: BranchMappingRow): MappingInput => ({
    branch_pattern: m.branch_pattern, environment_id: m.environment_id, flow_template_id: m.flow_template_id ?? '',
    github_integration_id: m.github_integration_id ?? '', is_deployable: m.is_deployable, position: m.position,
  })
  const blank = (): MappingInput => ({
    branch_pattern: '', environment_id: '', flow_template_id: '', github_integration_id: '', is_deployable: true,
    position: nextPosition(mappings.data ?? []),
  })
  return (
    <section aria-labelledby="mappings-heading" className="flex flex-col gap-3">
      <SectionHeading id="mappings-heading" title="Branch mappings" step="Step 4"
        description="A push to a branch runs the first matching mapping's pipeline for its environment."
        action={canManage && ready && (
          <MappingForm title="Add a branch mapping" initial={blank()} options={options.data} integrations={integrations}
            trigger={<Button size="sm"><Plus className="size-4" aria-hidden />Add mapping</Button>}
            onSave={(input) => save.mutateAsync({ id: null, input })} />
        )} />
      {failure && <Alert tone="danger">{failure.message}</Alert>}
      {mappings.isPending || options.isPending ? <LoadingRows />
        : mappings.isError || options.isError ? <ErrorState error={mappings.error ?? options.error} onRetry={() => { void mappings.refetch(); void options.refetch() }} />
        : mappings.data.length === 0 ? (
          <EmptyState title="No branch mappings" description="Without one, pushes are recorded and nothing starts." />
        ) : (
          <Table aria-label="Branch mappings">
            <TableHeader>
              <TableRow>
                <TableHead>Position</TableHead><TableHead>Pattern</TableHead><TableHead>Environment</TableHead><TableHead>Pipeline</TableHead>
                <TableHead>Deployable</TableHead><TableHead>Repository</TableHead>{canManage && <TableHead><span className="sr-only">Actions</span></TableHead>}
              </TableRow>
            </TableHeader>
            <TableBody>
              {mappings.data.map((m, index) => (
                <TableRow key={m.id} data-testid="mapping-row" data-mapping-id={m.id}>
                  <TableCell className="tabular-nums">{m.position}</TableCell>
                  <TableCell><code className="font-mono text-xs">{m.branch_pattern}</code></TableCell>
                  <TableCell>{describe(m).environment}</TableCell>
                  <TableCell className={m.flow_template_id ? '' : 'text-muted-foreground'}>{describe(m).pipeline}</TableCell>
                  <TableCell><Badge tone={m.is_deployable ? 'success' : 'neutral'}>{m.is_deployable ? 'Yes' : 'No'}</Badge></TableCell>
                  <TableCell className="text-xs">{repo(m.github_integration_id)}</TableCell>
                  {canManage && (
                    <TableCell className="text-right whitespace-nowrap">
                      <Button size="icon" variant="ghost" aria-label={`Move ${m.branch_pattern} up`} disabled={index === 0 || move.isPending}
                        onClick={() => move.mutate(moveMapping(mappings.data, m.id, -1))}><ArrowUp className="size-4" aria-hidden /></Button>
                      <Button size="icon" variant="ghost" aria-label={`Move ${m.branch_pattern} down`} disabled={index === mappings.data.length - 1 || move.isPending}
                        onClick={() => move.mutate(moveMapping(mappings.data, m.id, 1))}><ArrowDown className="size-4" aria-hidden /></Button>
                      <MappingForm title={`Edit ${m.branch_pattern}`} initial={toInput(m)} options={options.data} integrations={integrations}
                        trigger={<Button size="icon" variant="ghost" aria-label={`Edit ${m.branch_pattern}`}><Pencil className="size-4" aria-hidden /></Button>}
                        onSave={(input) => save.mutateAsync({ id: m.id, input })} />
                      <ConfirmDialog
                        trigger={<Button size="icon" variant="ghost" aria-label={`Delete ${m.branch_pattern}`}><Trash2 className="size-4" aria-hidden /></Button>}
                        title={`Delete the mapping ${m.branch_pattern}?`}
                        description={`Pushes to matching branches no longer start ${describe(m).pipeline} in ${describe(m).environment}; a later mapping may match them instead.`}
                        confirmLabel="Delete mapping"
                        onConfirm={() => remove.mutateAsync(m.id).catch(() => undefined)} />
                    </TableCell>
                  )}
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      {mappings.data && <BranchTester mappings={mappings.data} integrations={integrations} describe={describe} />}
    </section>
  )
}
