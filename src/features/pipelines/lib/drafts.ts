/**
 * Autosaved drafts: the builder keeps unsaved edits in this browser (localStorage), one draft per pipeline (or per
 * project for a new one), so a closed tab or a crash loses nothing. Saving clears the draft.
 */
export interface Draft {
  /** The version the edits started from (null: a new pipeline). */
  baseVersion: number | null
  savedAt: string
  name: string
  type: string
  nodes: unknown[]
  edges: unknown[]
}

const PREFIX = 'opzenix:pipeline-draft:'

export const draftScope = (pipelineId: string | undefined, projectId: string) => pipelineId ?? `new:${projectId}`

export function writeDraft(scope: string, draft: Draft, storage: Storage = localStorage): void {
  try {
    storage.setItem(PREFIX + scope, JSON.stringify(draft))
  } catch {
    // A full or disabled storage only loses the safety net, never the editor's state.
  }
}

export function readDraft(scope: string, storage: Storage = localStorage): Draft | null {
  try {
    const value = JSON.parse(storage.getItem(PREFIX + scope) ?? 'null') as Partial<Draft> | null
    if (!value || !Array.isArray(value.nodes) || !Array.isArray(value.edges) || typeof value.savedAt !== 'string') return null
    return { baseVersion: typeof value.baseVersion === 'number' ? value.baseVersion : null, savedAt: value.savedAt, name: String(value.name ?? ''), type: String(value.type ?? 'cicd'), nodes: value.nodes, edges: value.edges }
  } catch {
    return null
  }
}

export function clearDraft(scope: string, storage: Storage = localStorage): void {
  try {
    storage.removeItem(PREFIX + scope)
  } catch {
    // Nothing to clear.
  }
}
