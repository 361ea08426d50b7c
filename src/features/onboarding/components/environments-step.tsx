import { ArrowDown, ArrowUp, Plus, Trash2 } from 'lucide-react'
import { useQuery } from '@tanstack/react-query'
import { useState } from 'react'
import { queryKeys } from '../../../lib/query-keys.ts'
import { supabase } from '../../../lib/supabase.ts'
import { Alert } from '../../../components/ui/alert.tsx'
import { Button } from '../../../components/ui/button.tsx'
import { Input, NativeSelect } from '../../../components/ui/input.tsx'
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '../../../components/ui/table.tsx'
import { useSetupMutations } from '../api/setup.ts'
import { chainProblems, DEFAULT_CHAIN, type ChainEnvironment } from '../lib/default-chain.ts'
import { StepActions } from './step-actions.tsx'

const TIERS: ChainEnvironment['tier'][] = ['development', 'testing', 'staging', 'preproduction', 'production']
const STRATEGIES: ChainEnvironment['deploy_strategy'][] = ['rolling', 'canary', 'blue_green']

/** Step 2: the project's promotion chain, the default one or edited, created in one request. */
export function EnvironmentsStep({ orgId, userId, projectId, onDone, onSkip }: {
  orgId: string
  userId: string
  projectId: string | null
  onDone: () => void
  onSkip: () => void
}) {
  const [chain, setChain] = useState<ChainEnvironment[]>(DEFAULT_CHAIN)
  const { chain: create } = useSetupMutations(orgId)
  const problems = chainProblems(chain)
  // Coming back to this step after the chain was created: show it instead of creating it twice.
  const existing = useQuery({
    queryKey: queryKeys.onboarding.environments(projectId),
    enabled: Boolean(projectId),
    queryFn: async () => {
      const { data, error } = await supabase.from('environments').select('key').eq('project_id', projectId!).order('position')
      if (error) throw error
      return data.map((e) => e.key)
    },
  })
  if (existing.data?.length) {
    return (
      <div className="flex flex-col gap-4">
        <p className="text-sm">This project's promotion chain: <span className="font-mono">{existing.data.join(' → ')}</span>. Change it later on the Environments page.</p>
        <StepActions onContinue={onDone} />
      </div>
    )
  }
  if (!projectId) {
    return (
      <div className="flex flex-col gap-4">
        <p className="text-sm text-muted-foreground">Environments belong to a project, and this organization has none from the first step. Create one there, or skip.</p>
        <StepActions onSkip={onSkip} onContinue={onSkip} continueLabel="Skip for now" />
      </div>
    )
  }
  const update = (i: number, change: Partial<ChainEnvironment>) => setChain((c) => c.map((env, j) => (j === i ? { ...env, ...change } : env)))
  const move = (i: number, by: -1 | 1) => setChain((c) => {
    const next = [...c]
    ;[next[i], next[i + by]] = [next[i + by], next[i]]
    return next
  })
  return (
    <div className="flex flex-col gap-4">
      <p className="text-sm text-muted-foreground">Runs promote along this chain from top to bottom. Approvals gate deploys into an environment; you can change all of it later.</p>
      <Table aria-label="Promotion chain">
        <TableHeader>
          <TableRow><TableHead>Key</TableHead><TableHead>Name</TableHead><TableHead>Tier</TableHead><TableHead>Approvals</TableHead><TableHead>Strategy</TableHead><TableHead><span className="sr-only">Order</span></TableHead></TableRow>
        </TableHeader>
        <TableBody>
          {chain.map((env, i) => (
            <TableRow key={i}>
              <TableCell><Input aria-label={`Key of environment ${i + 1}`} value={env.key} onChange={(e) => update(i, { key: e.target.value })} className="w-28 font-mono" /></TableCell>
              <TableCell><Input aria-label={`Name of environment ${i + 1}`} value={env.display_name} onChange={(e) => update(i, { display_name: e.target.value })} /></TableCell>
              <TableCell>
                <NativeSelect aria-label={`Tier of environment ${i + 1}`} value={env.tier} onChange={(e) => update(i, { tier: e.target.value as ChainEnvironment['tier'] })}>
                  {TIERS.map((t) => <option key={t} value={t}>{t}</option>)}
                </NativeSelect>
              </TableCell>
              <TableCell><Input aria-label={`Approvals for environment ${i + 1}`} type="number" min={0} max={50} value={env.required_approvals} onChange={(e) => update(i, { required_approvals: Number(e.target.value) })} className="w-20" /></TableCell>
              <TableCell>
                <NativeSelect aria-label={`Strategy of environment ${i + 1}`} value={env.deploy_strategy} onChange={(e) => update(i, { deploy_strategy: e.target.value as ChainEnvironment['deploy_strategy'] })}>
                  {STRATEGIES.map((s) => <option key={s} value={s}>{s.replace('_', '-')}</option>)}
                </NativeSelect>
              </TableCell>
              <TableCell className="whitespace-nowrap">
                <Button type="button" size="icon" variant="ghost" aria-label={`Move ${env.key || `environment ${i + 1}`} up`} disabled={i === 0} onClick={() => move(i, -1)}><ArrowUp aria-hidden /></Button>
                <Button type="button" size="icon" variant="ghost" aria-label={`Move ${env.key || `environment ${i + 1}`} down`} disabled={i === chain.length - 1} onClick={() => move(i, 1)}><ArrowDown aria-hidden /></Button>
                <Button type="button" size="icon" variant="ghost" aria-label={`Remove ${env.key || `environment ${i + 1}`}`} onClick={() => setChain((c) => c.filter((_, j) => j !== i))}><Trash2 aria-hidden /></Button>
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      <div className="flex gap-2">
        <Button type="button" variant="outline" size="sm" onClick={() => setChain((c) => [...c, { key: '', display_name: '', tier: 'testing', required_approvals: 0, deploy_strategy: 'rolling' }])}><Plus aria-hidden /> Add environment</Button>
        <Button type="button" variant="ghost" size="sm" onClick={() => setChain(DEFAULT_CHAIN)}>Back to the default chain</Button>
      </div>
      {problems.length > 0 && <Alert tone="warning"><ul className="list-disc pl-4">{problems.map((p) => <li key={p}>{p}</li>)}</ul></Alert>}
      {create.isError && <Alert tone="danger">{create.error.message}</Alert>}
      <StepActions onSkip={onSkip} busy={create.isPending} canContinue={problems.length === 0}
        continueLabel={`Create ${chain.length} environment${chain.length === 1 ? '' : 's'}`}
        onContinue={() => create.mutate({ projectId, chain }, { onSuccess: onDone })} />
    </div>
  )
}
