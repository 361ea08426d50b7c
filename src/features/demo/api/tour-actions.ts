import { useMutation, useQueryClient } from '@tanstack/react-query'
import { invokeFunction } from '../../../lib/functions.ts'
import { queryKeys } from '../../../lib/query-keys.ts'
import { supabase } from '../../../lib/supabase.ts'

// Each step of the tour is the product's real action: the same functions and table the rest of the app uses.
export type TourAction =
  | { kind: 'run'; pipelineId: string }
  | { kind: 'rerun'; executionId: string }
  | { kind: 'approve'; requestId: string; projectId: string }
  | { kind: 'rollback'; environmentId: string; versionId: string }

export async function performTourAction(action: TourAction): Promise<void> {
  switch (action.kind) {
    case 'run':
      await invokeFunction('pipeline-execute', { flow_template_id: action.pipelineId, version: 'v2.0.0' })
      return
    case 'rerun':
      await invokeFunction('rerun-from-checkpoint', { execution_id: action.executionId })
      return
    case 'approve': {
      const { error } = await supabase.from('approval_votes').insert({
        approval_request_id: action.requestId, project_id: action.projectId, vote: 'approve', comment: 'Approved in the guided tour',
      })
      if (error) throw new Error(error.message)
      return
    }
    case 'rollback':
      await invokeFunction('rollback-deployment', {
        environment_id: action.environmentId, version_id: action.versionId, reason: 'Guided tour: back to the release before the demo run',
      })
  }
}

export function useTourAction(projectId: string) {
  const client = useQueryClient()
  return useMutation({
    mutationFn: performTourAction,
    onSettled: () => client.invalidateQueries({ queryKey: queryKeys.demo.tour(projectId) }),
  })
}
