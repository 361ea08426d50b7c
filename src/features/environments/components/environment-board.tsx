import { ChevronRight } from 'lucide-react'
import { EmptyState, ErrorState, LoadingRows } from '../../../components/states.tsx'
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '../../../components/ui/card.tsx'
import { useProject } from '../../../lib/workspace.ts'
import { useEnvironmentBoard } from '../api/get-environment-board.ts'
import { useLiveEnvironments } from '../api/use-live-environments.ts'
import { EnvironmentCard } from './environment-card.tsx'
import { usePromotionStatus } from '../../promotion/api/get-promotion-status.ts'
import { useDeployDecisions } from '../../promotion/api/get-deploy-decisions.ts'
import { PromotionLine } from '../../promotion/components/promotion-line.tsx'

/** The promotion chain (dev → … → prod) as cards in order, with what waits to be promoted where, live. */
export function EnvironmentBoard() {
  const project = useProject()
  const board = useEnvironmentBoard(project.id)
  useLiveEnvironments(project.id)
  const promotion = usePromotionStatus(project.id)
  const decisions = useDeployDecisions(project.id, board.data?.environments.map((e) => e.id) ?? [])
  return (
    <Card aria-labelledby="environment-board-title" data-testid="environment-board">
      <CardHeader>
        <CardTitle id="environment-board-title">Environments</CardTitle>
        <CardDescription>Promotion chain of {project.name}: what runs where, locks and freezes.</CardDescription>
      </CardHeader>
      <CardContent>
        {board.isPending ? <LoadingRows rows={2} />
          : board.isError ? <ErrorState error={board.error} onRetry={() => void board.refetch()} />
          : board.data.environments.length === 0 ? <EmptyState title="No environments yet" description="An admin adds the project's environments." />
          : (
            <ol className="grid grid-cols-[repeat(auto-fill,minmax(10.5rem,1fr))] gap-3" aria-label="Promotion chain">
              {board.data.environments.map((env, i) => (
                <li key={env.id} className="relative">
                  {i > 0 && <ChevronRight className="absolute top-1/2 -left-3 size-3 -translate-y-1/2 text-muted-foreground" aria-hidden />}
                  <EnvironmentCard env={env} freezeWindows={board.data.freezeWindows}>
                    <PromotionLine env={env} index={i} chain={board.data.environments} status={promotion.data?.get(env.id)}
                      deploy={decisions.data?.get(env.id)} freezeWindows={board.data.freezeWindows} />
                  </EnvironmentCard>
                </li>
              ))}
            </ol>
          )}
      </CardContent>
    </Card>
  )
}
