import { History } from 'lucide-react'
import { useState } from 'react'
import { Button } from '../../../components/ui/button.tsx'
import { NativeSelect } from '../../../components/ui/input.tsx'
import { formatDateTime, timeAgo } from '../../../lib/format.ts'
import type { ConfigVersion } from '../api/get-config.ts'
import { reasonSchema, useSaveConfig } from '../api/save-config.ts'
import { diffConfigs, describeChange } from '../lib/shared.ts'
import { ReasonDialog } from '../../../components/reason-dialog.tsx'

/** Every version (who, when, why), a diff between any two, and restoring an earlier one as a new version. */
export function ConfigHistory({ environmentId, versions, mayRestore }: { environmentId: string; versions: ConfigVersion[]; mayRestore: boolean }) {
  const { restore } = useSaveConfig(environmentId)
  const current = versions[0]
  const [from, setFrom] = useState(versions[1]?.version ?? current.version)
  const [to, setTo] = useState(current.version)
  const pick = (n: number) => versions.find((v) => v.version === n)
  const a = pick(from)
  const b = pick(to)
  const changes = a && b ? diffConfigs(a, b) : []
  return (
    <div className="flex flex-col gap-4">
      <section aria-labelledby="config-history-title" className="flex flex-col gap-2">
        <h3 id="config-history-title" className="flex items-center gap-2 text-sm font-medium"><History className="size-4" aria-hidden /> Configuration history</h3>
        <ol className="flex flex-col divide-y rounded-md border text-sm" aria-label="Configuration versions">
          {versions.map((v) => (
            <li key={v.id} className="flex flex-wrap items-center gap-2 px-3 py-2" data-testid={`config-version-${v.version}`}>
              <span className="font-mono text-xs">v{v.version}</span>
              <span className="font-medium">{v.reason}</span>
              <span className="text-xs text-muted-foreground">
                {v.author}, <time dateTime={v.created_at} title={formatDateTime(v.created_at)}>{timeAgo(v.created_at)}</time>
                {v.restored_from !== null && ` · restores v${v.restored_from}`}
              </span>
              {v.version !== current.version && (
                <span className="ml-auto">
                  {mayRestore ? (
                    <ReasonDialog
                      trigger={<Button size="sm" variant="outline">Restore</Button>}
                      title={`Restore version ${v.version}?`}
                      description={`Its variables and secret references become version ${current.version + 1}; every version, including the current one, stays in the history.`}
                      confirmLabel={`Restore as version ${current.version + 1}`} schema={reasonSchema} destructive={false}
                      onConfirm={(reason) => restore.mutateAsync({ version: v.version, reason, baseVersion: current.version })}
                    />
                  ) : <Button size="sm" variant="outline" disabled title="You may not change this environment's configuration">Restore</Button>}
                </span>
              )}
            </li>
          ))}
        </ol>
      </section>
      {versions.length > 1 && (
        <section aria-labelledby="config-diff-title" className="flex flex-col gap-2">
          <h3 id="config-diff-title" className="text-sm font-medium">Compare versions</h3>
          <div className="flex items-center gap-2 text-sm">
            <NativeSelect aria-label="From version" className="w-28" value={from} onChange={(e) => setFrom(Number(e.target.value))}>
              {versions.map((v) => <option key={v.id} value={v.version}>v{v.version}</option>)}
            </NativeSelect>
            <span aria-hidden>→</span>
            <NativeSelect aria-label="To version" className="w-28" value={to} onChange={(e) => setTo(Number(e.target.value))}>
              {versions.map((v) => <option key={v.id} value={v.version}>v{v.version}</option>)}
            </NativeSelect>
          </div>
          {changes.length === 0 ? <p className="text-xs text-muted-foreground">No differences between v{from} and v{to}.</p> : (
            <ul className="rounded-md border bg-muted/30 p-3 font-mono text-xs" aria-label={`Changes from v${from} to v${to}`}>
              {changes.map((c) => (
                <li key={`${c.section}-${c.name}`} className={c.kind === 'added' ? 'text-success' : c.kind === 'removed' ? 'text-destructive' : ''}>{describeChange(c)}</li>
              ))}
            </ul>
          )}
        </section>
      )}
    </div>
  )
}
