import { Pencil } from 'lucide-react'
import { useState } from 'react'
import { EmptyState, ErrorState, LoadingRows } from '../../../components/states.tsx'
import { Button } from '../../../components/ui/button.tsx'
import { useConfigRefusal, useConfigVersions } from '../api/get-config.ts'
import { ConfigEditor } from './config-editor.tsx'
import { ConfigHistory } from './config-history.tsx'
import { ConfigTable } from './config-table.tsx'

/** An environment's configuration: the current version, the editor (for who may), and every earlier version. */
export function ConfigurationSection({ environment }: { environment: { id: string; key: string; display_name: string } }) {
  const versions = useConfigVersions(environment.id)
  const refusal = useConfigRefusal(environment.id)
  const [editing, setEditing] = useState(false)
  const current = versions.data?.[0] ?? null
  const mayEdit = refusal.data === null
  return (
    <section aria-labelledby="configuration-title" className="flex flex-col gap-3" data-testid="configuration">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <div>
          <h2 id="configuration-title" className="text-lg font-semibold">Configuration</h2>
          <p className="text-sm text-muted-foreground">
            {current ? `Version ${current.version}, by ${current.author}: “${current.reason}”` : 'No configuration yet.'}
            {' '}Secrets are referenced by provider and key; their values are never stored here.
          </p>
        </div>
        {!editing && (
          <Button variant="outline" disabled={!mayEdit || versions.isPending} title={refusal.data ?? undefined} onClick={() => setEditing(true)}>
            <Pencil aria-hidden /> Edit configuration
          </Button>
        )}
      </div>
      {refusal.data && <p className="text-xs text-muted-foreground" data-testid="config-refusal">{refusal.data}</p>}
      {versions.isPending ? <LoadingRows rows={3} />
        : versions.isError ? <ErrorState error={versions.error} onRetry={() => void versions.refetch()} />
        : editing ? <ConfigEditor environmentId={environment.id} current={current} onDone={() => setEditing(false)} />
        : !current ? <EmptyState title="No variables or secret references yet" description={mayEdit ? 'Edit the configuration to add the first version.' : undefined} />
        : <ConfigTable variables={current.variables} secrets={current.secrets} />}
      {versions.data && versions.data.length > 0 && (
        // Keyed by the current version, so the comparison starts from the newest change again after a save.
        <ConfigHistory key={versions.data[0].version} environmentId={environment.id} versions={versions.data} mayRestore={mayEdit} />
      )}
    </section>
  )
}
