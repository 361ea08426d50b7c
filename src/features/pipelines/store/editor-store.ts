import { applyEdgeChanges, applyNodeChanges, type EdgeChange, type NodeChange } from '@xyflow/react'
import { create } from 'zustand'
import { edgeId, type FlowEdge, type FlowNode } from '../lib/flow-types.ts'
import { copyNodes, pasteClip, type Clip } from '../lib/clipboard.ts'
import { createNode } from '../lib/node-factory.ts'
import type { NodeKind } from '../lib/shared.ts'

type FlowType = 'cicd' | 'mlops' | 'llmops' | 'infrastructure' | 'security'
interface Snapshot { nodes: FlowNode[]; edges: FlowEdge[] }

export interface EditorState {
  name: string
  type: FlowType
  nodes: FlowNode[]
  edges: FlowEdge[]
  /** Unsaved changes exist. */
  dirty: boolean
  /** Bumped on every change the rules care about (not on moves or selection), so validation reruns only then. */
  revision: number
  past: Snapshot[]
  /** Undone steps, newest last; any new edit clears them. */
  future: Snapshot[]
  /** What Copy took (kept across pipelines while the app is open), and how many times it was pasted. */
  clipboard: Clip | null
  pastes: number
  /** The node whose config edits are being coalesced into one undo step. */
  editing: string | null
  /** Bumped when the graph is replaced wholesale (load, undo), so forms showing node data start afresh. */
  epoch: number
  /** Last thing the editor did, for a polite live region ("Added Build, connected from Source"). */
  announcement: string

  load(input: { name: string; type: FlowType; nodes: FlowNode[]; edges: FlowEdge[] }): void
  onNodesChange(changes: NodeChange<FlowNode>[]): void
  onEdgesChange(changes: EdgeChange<FlowEdge>[]): void
  connect(source: string, target: string): void
  addNode(kind: NodeKind, options?: { position?: { x: number; y: number }; environments?: readonly string[] }): string
  updateNode(id: string, patch: { label?: string; config?: Record<string, unknown> }): void
  deleteNodes(ids: readonly string[]): void
  deleteEdge(id: string): void
  select(ids: readonly string[]): void
  setName(name: string): void
  setType(type: FlowType): void
  undo(): void
  redo(): void
  /** Copies the selected nodes and the edges among them; returns how many nodes. */
  copySelection(): number
  /** Pastes the clipboard as new nodes (fresh ids, internal edges kept), selected, as one undo step. */
  paste(): number
  /** The whole graph replaced by what the code view reads (one undo step). */
  replaceGraph(nodes: FlowNode[], edges: FlowEdge[], announcement: string): void
  markSaved(): void
}

const HISTORY = 50
const DRAG = '\u0000drag'

/** Editor state only (the saved pipeline itself lives in TanStack Query). */
export const useEditorStore = create<EditorState>()((set, get) => {
  const remember = (): Pick<EditorState, 'past' | 'future' | 'editing'> => {
    const { nodes, edges, past } = get()
    return { past: [...past.slice(-(HISTORY - 1)), { nodes, edges }], future: [], editing: null }
  }
  const changed = (extra: Partial<EditorState>) => set((s) => ({ ...extra, dirty: true, revision: s.revision + 1 }))

  return {
    name: '', type: 'cicd', nodes: [], edges: [], dirty: false, revision: 0, epoch: 0, past: [], future: [], clipboard: null, pastes: 0, editing: null, announcement: '',

    load: ({ name, type, nodes, edges }) =>
      set((s) => ({ name, type, nodes, edges, dirty: false, revision: s.revision + 1, epoch: s.epoch + 1, past: [], future: [], pastes: 0, editing: null, announcement: '' })),

    onNodesChange: (changes) => {
      const removes = changes.filter((c) => c.type === 'remove').map((c) => c.id)
      if (removes.length > 0) return get().deleteNodes(removes)
      const nodes = applyNodeChanges(changes, get().nodes)
      // Selection and measuring are not edits; finishing a drag is.
      const edited = changes.some((c) => c.type === 'position' || c.type === 'add' || c.type === 'replace')
      // One undo step per drag: remember the graph when a drag starts.
      const dragStart = changes.some((c) => c.type === 'position' && c.dragging === true) && get().editing !== DRAG
      const dragEnd = changes.some((c) => c.type === 'position' && c.dragging === false)
      set((s) => ({
        nodes, dirty: s.dirty || edited,
        ...(dragStart ? { ...remember(), editing: DRAG } : {}),
        ...(dragEnd ? { editing: null } : {}),
      }))
    },

    onEdgesChange: (changes) => {
      const removes = changes.filter((c) => c.type === 'remove')
      set((s) => ({
        edges: applyEdgeChanges(changes, s.edges),
        ...(removes.length > 0 ? { ...remember(), dirty: true, revision: s.revision + 1 } : {}),
      }))
    },

    connect: (source, target) => {
      const { edges, nodes } = get()
      if (source === target || edges.some((e) => e.source === source && e.target === target)) return
      const name = (id: string) => nodes.find((n) => n.id === id)?.data.label ?? id
      changed({
        ...remember(),
        edges: [...edges, { id: edgeId(source, target), source, target, data: { on: 'success' } }],
        announcement: `Connected ${name(source)} to ${name(target)}`,
      })
    },

    addNode: (kind, options = {}) => {
      const { nodes, edges } = get()
      const selected = nodes.filter((n) => n.selected)
      // A click on the palette continues from the one selected node; a drop lands where it was dropped.
      const anchor = !options.position && selected.length === 1 ? selected[0] : undefined
      const { node, edge } = createNode(kind, nodes, { anchor, position: options.position, environments: options.environments })
      changed({
        ...remember(),
        nodes: [...nodes.map((n) => (n.selected ? { ...n, selected: false } : n)), node],
        edges: edge ? [...edges, edge] : edges,
        announcement: `Added ${node.data.label}${edge && anchor ? `, connected from ${anchor.data.label}` : ''}`,
      })
      return node.id
    },

    updateNode: (id, patch) => {
      const { editing } = get()
      changed({
        ...(editing === id ? {} : { ...remember(), editing: id }),
        nodes: get().nodes.map((n) => (n.id === id ? { ...n, data: { ...n.data, ...patch } } as FlowNode : n)),
      })
    },

    deleteNodes: (ids) => {
      const gone = new Set(ids)
      const { nodes, edges } = get()
      changed({
        ...remember(),
        nodes: nodes.filter((n) => !gone.has(n.id)),
        edges: edges.filter((e) => !gone.has(e.source) && !gone.has(e.target)),
        announcement: `Deleted ${ids.length === 1 ? nodes.find((n) => n.id === ids[0])?.data.label ?? ids[0] : `${ids.length} nodes`}`,
      })
    },

    deleteEdge: (id) => changed({ ...remember(), edges: get().edges.filter((e) => e.id !== id) }),

    select: (ids) => {
      const wanted = new Set(ids)
      set((s) => ({
        nodes: s.nodes.map((n) => (Boolean(n.selected) === wanted.has(n.id) ? n : { ...n, selected: wanted.has(n.id) })),
        edges: s.edges.map((e) => (e.selected ? { ...e, selected: false } : e)),
      }))
    },

    setName: (name) => set({ name, dirty: true }),
    setType: (type) => set({ type, dirty: true }),

    undo: () => {
      const { past, future, nodes, edges } = get()
      const previous = past.at(-1)
      if (!previous) return
      changed({ ...previous, past: past.slice(0, -1), future: [...future, { nodes, edges }], editing: null, epoch: get().epoch + 1, announcement: 'Undone' })
    },

    redo: () => {
      const { past, future, nodes, edges } = get()
      const next = future.at(-1)
      if (!next) return
      changed({ ...next, future: future.slice(0, -1), past: [...past.slice(-(HISTORY - 1)), { nodes, edges }], editing: null, epoch: get().epoch + 1, announcement: 'Redone' })
    },

    copySelection: () => {
      const { nodes, edges } = get()
      const clip = copyNodes(nodes, edges, nodes.filter((n) => n.selected).map((n) => n.id))
      if (!clip) return 0
      set({ clipboard: clip, pastes: 0, announcement: `Copied ${clip.nodes.length === 1 ? clip.nodes[0].data.label : `${clip.nodes.length} nodes`}` })
      return clip.nodes.length
    },

    paste: () => {
      const { clipboard, nodes, edges, pastes } = get()
      if (!clipboard) return 0
      const step = 40 * (pastes + 1)
      const pasted = pasteClip(clipboard, nodes, { x: step, y: step })
      changed({
        ...remember(),
        nodes: [...nodes.map((n) => (n.selected ? { ...n, selected: false } : n)), ...pasted.nodes],
        edges: [...edges.map((e) => (e.selected ? { ...e, selected: false } : e)), ...pasted.edges],
        pastes: pastes + 1,
        announcement: `Pasted ${pasted.nodes.length === 1 ? pasted.nodes[0].data.label : `${pasted.nodes.length} nodes`}`,
      })
      return pasted.nodes.length
    },

    replaceGraph: (nodes, edges, announcement) =>
      changed({ ...remember(), nodes, edges, epoch: get().epoch + 1, announcement }),

    markSaved: () => set({ dirty: false }),
  }
})
