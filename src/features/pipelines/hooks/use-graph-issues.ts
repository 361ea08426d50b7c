import { useMemo } from 'react'
import { toGraphInput } from '../lib/graph-convert.ts'
import { validateGraph, type EnvironmentRule, type GraphIssue } from '../lib/shared.ts'
import { useEditorStore } from '../store/editor-store.ts'

/** The rules' verdict on the graph being edited; reruns only when something the rules read changed (not on moves). */
export function useGraphIssues(environments: readonly EnvironmentRule[] | undefined): GraphIssue[] {
  const revision = useEditorStore((s) => s.revision)
  return useMemo(() => {
    const { nodes, edges } = useEditorStore.getState()
    return validateGraph(toGraphInput(nodes, edges), environments ? { environments } : {})
  }, [revision, environments])
}
